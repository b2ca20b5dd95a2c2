// BattCommands module.
