// BattPipeline module.
