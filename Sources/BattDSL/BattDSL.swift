// BattDSL module.
