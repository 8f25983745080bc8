// The rule language's public types (diagnostics, source locations, legal elements) are part of
// Fangfei's API: errors from `Classifier` carry them.
@_exported import FangfeiRules
