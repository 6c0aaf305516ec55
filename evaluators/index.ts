// The built-in evaluators. Each folder exports a factory that returns a plain `Evaluator`.
