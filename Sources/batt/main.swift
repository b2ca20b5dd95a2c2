import BattCommands

await Batt.main()
