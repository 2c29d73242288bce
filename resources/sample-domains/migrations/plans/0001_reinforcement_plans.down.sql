DROP TABLE IF EXISTS plan_progress; DROP TABLE IF EXISTS plan_items; DROP TABLE IF EXISTS reinforcement_plans;
