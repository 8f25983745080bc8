import FangfeiRules

/// A checked pack with every pattern compiled by PCRE2 (and JIT-compiled, at load or at its
/// first match). Immutable and shareable across threads; matching needs a per-task
/// ``MatchScratch``.
package final class CompiledPack: Sendable {
  /// The checked pack the patterns came from.
  package let checked: CheckedPack
  /// `patterns[r]` are the compiled patterns of rule `r` (empty for meta rules).
  package let patterns: [[CompiledPattern]]
  /// `patternOffsets[r]` is the number of patterns of the rules before `r`: rule `r`'s
  /// patterns are units `patternOffsets[r]…` of the ``Prefilter``.
  package let patternOffsets: [Int]
  /// Every pattern of the rules, rule by rule (the ``Prefilter``'s units), with what matching
  /// needs to know about its rule: one flat array to walk per message.
  package let units: [PatternUnit]
  /// `mentionPatterns[i]` is the compiled frame of `checked.mentions[i]` (nil for `quoted`).
  package let mentionPatterns: [CompiledPattern?]
  /// The kind and window of each of `checked.mentions` (what a ``MentionFilter`` reads for every
  /// message, without copying the declarations).
  package let mentionFrames: [(kind: MentionDecl.Kind, within: Int)]
  /// Warnings found while loading (errors prevent a pack from existing).
  package let diagnostics: [Diagnostic]

  private init(
    checked: CheckedPack, patterns: [[CompiledPattern]], mentionPatterns: [CompiledPattern?], diagnostics: [Diagnostic]
  ) {
    self.checked = checked
    self.patterns = patterns
    var offsets: [Int] = []
    var total = 0
    for p in patterns {
      offsets.append(total)
      total += p.count
    }
    patternOffsets = offsets
    var units: [PatternUnit] = []
    for (r, list) in patterns.enumerated() {
      for pattern in list {
        units.append(
          PatternUnit(
            pattern: pattern, rule: r, wantsCaptures: checked.rules[r].condition?.usesCaptures ?? false,
            isPositive: checked.rules[r].score > 0))
      }
    }
    self.units = units
    self.mentionPatterns = mentionPatterns
    mentionFrames = checked.mentions.map { ($0.kind, $0.within) }
    self.diagnostics = diagnostics
  }

  /// The patterns of a checked pack compiled by PCRE2, and PCRE2's errors, before they become a
  /// ``CompiledPack``.
  package struct Patterns: Sendable {
    /// `rules[r]`: rule `r`'s patterns that compiled.
    package var rules: [[CompiledPattern]]
    /// The mentions' frames (nil for `quoted` or when the frame did not compile).
    package var mentions: [CompiledPattern?]
    /// PCRE2's errors.
    package var errors: [Diagnostic]

    /// Every compiled pattern, the rules' then the mentions'.
    package var all: [CompiledPattern] { rules.flatMap { $0 } + mentions.compactMap { $0 } }
  }

  /// Compiles every pattern of `checked` with PCRE2. Patterns are compiled even when the
  /// checker found errors, so that PCRE2's own errors are reported in the same run. JIT
  /// compilation waits for each pattern's first match (or ``JITWork``): patterns the prefilter
  /// never lets run need never be JIT-compiled.
  package static func compilePatterns(_ checked: CheckedPack) -> Patterns {
    var errors: [Diagnostic] = []
    func compile(_ p: ExpandedPattern) -> CompiledPattern? {
      var options: PatternOptions = []
      if p.flags.contains(.caseless) { options.insert(.caseless) }
      if p.flags.contains(.dotAll) { options.insert(.dotAll) }
      if p.flags.contains(.extended) { options.insert(.extended) }
      if p.flags.contains(.multiline) { options.insert(.multiline) }
      do {
        return try CompiledPattern(p.text, options: options, lazyJIT: true)
      } catch {
        errors.append(Diagnostic(.error, p.location(atUTF8: error.utf8Offset), "PCRE2: \(error.message)"))
        return nil
      }
    }
    let rules = checked.rules.map { $0.patterns.compactMap(compile) }
    let mentions = checked.mentions.map { $0.pattern.flatMap(compile) }
    return Patterns(rules: rules, mentions: mentions, errors: errors)
  }

  /// Puts a pack together from its checked form and its compiled patterns; throws every
  /// diagnostic (`diagnostics` and PCRE2's errors) when any of them is an error.
  package convenience init(checked: CheckedPack, patterns: Patterns, diagnostics: [Diagnostic]) throws(RulePackError) {
    let all = diagnostics + patterns.errors
    if all.contains(where: { $0.severity == .error }) { throw RulePackError(diagnostics: Self.sorted(all)) }
    self.init(
      checked: checked, patterns: patterns.rules, mentionPatterns: patterns.mentions, diagnostics: Self.sorted(all))
  }

  /// Diagnostics without repeats, in source order.
  package static func sorted(_ d: [Diagnostic]) -> [Diagnostic] {
    Array(Set(d)).sorted { ($0.location, $0.message) < ($1.location, $1.message) }
  }
}

/// One pattern of a pack and what matching needs to know about its rule.
package struct PatternUnit: Sendable {
  package let pattern: CompiledPattern
  package let rule: Int
  /// Whether the rule's condition reads named captures.
  package let wantsCaptures: Bool
  /// Whether the rule has a positive score (its matches are checked for mentions).
  package let isPositive: Bool
}
