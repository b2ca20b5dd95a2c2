// BattCache module.
