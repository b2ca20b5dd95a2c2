// BattLanguage module.
