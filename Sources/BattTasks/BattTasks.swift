// BattTasks module.
