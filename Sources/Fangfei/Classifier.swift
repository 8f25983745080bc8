import FangfeiRules
import FangfeiText
import Foundation

/// Classifies text with a compiled rule pack: the bundled one (`Classifier()`) or rule files
/// of your own (`Classifier(rules:)`).
///
/// A classifier is immutable and `Sendable`: build it once (loading and JIT-compiling a pack
/// takes milliseconds) and share it across threads and tasks.
///
/// ```swift
/// let classifier = try Classifier()
/// let verdict = classifier.classify("本平台年化收益高达36%，保本保息")
/// print(verdict.level, verdict.score)
/// for hit in verdict.hits { print(hit.rule, hit.match ?? "") }
/// ```
public struct Classifier: Sendable {
  package let pack: CompiledPack
  private let normalizer: Normalizer
  private let scorer: Scorer
  private let scratches: ScratchPool
  private let prefilter: Prefilter?
  /// The verdict of a text on which no pattern matches (meta rules may still fire), by language.
  private let emptyVerdicts: [Language: Verdict]
  /// The options the classifier was built with.
  public let options: ClassifierOptions

  /// Warnings found while loading the pack (errors make the initialiser throw instead).
  public var diagnostics: [Diagnostic] { pack.diagnostics }

  /// Every compiled pattern of the pack (rules, then mention frames), after fragment and variant
  /// expansion, in PCRE2 syntax with the rule's flags written inline (`(?i)…`).
  public var exportedPatterns: [String] {
    var out: [String] = []
    func inline(_ p: ExpandedPattern) -> String {
      var flags = ""
      if p.flags.contains(.caseless) { flags += "i" }
      if p.flags.contains(.dotAll) { flags += "s" }
      if p.flags.contains(.multiline) { flags += "m" }
      if p.flags.contains(.extended) { flags += "x" }
      return (flags.isEmpty ? "" : "(?\(flags))") + p.text
    }
    for rule in pack.checked.rules { out.append(contentsOf: rule.patterns.map(inline)) }
    for mention in pack.checked.mentions { if let p = mention.pattern { out.append(inline(p)) } }
    return out
  }

  /// The names of the pack's rules, in declaration order.
  public var ruleNames: [String] { pack.checked.rules.map(\.name) }

  /// Loads the rule pack bundled with Fangfei (the files under the package's `rules/`).
  public init(options: ClassifierOptions = .init()) throws(RulePackError) {
    try self.init(sources: BundledPack.sources, options: options)
  }

  /// Loads rule files and directories (each directory recursively, every `*.rules` file in a
  /// stable order) as one pack.
  /// - Throws: ``RulePackError`` with every diagnostic when any of them is an error.
  public init(rules: [URL], options: ClassifierOptions = .init()) throws(RulePackError) {
    let (sources, diags) = PackLoader.read(rules.map(\.path))
    try self.init(sources: sources, extra: diags, options: options)
  }

  /// Compiles a pack given as text (`path` is used in diagnostics).
  public init(ruleText: String, path: String = "<string>", options: ClassifierOptions = .init())
    throws(RulePackError)
  {
    try self.init(sources: [PackLoader.SourceFile(path: path, text: ruleText)], options: options)
  }

  package init(sources: [PackLoader.SourceFile], extra: [Diagnostic] = [], options: ClassifierOptions = .init())
    throws(RulePackError)
  {
    pack = try CompiledPack.load(sources, extra: extra)
    self.options = options
    prefilter = options.usePrefilter ? Prefilter(pack: pack) : nil
    let noMatches = Array(repeating: [RawMatch](), count: pack.checked.rules.count)
    let empty = Scorer(pack: pack.checked).score(matches: noMatches, bytes: UnsafeBufferPointer(start: nil, count: 0))
    var verdicts: [Language: Verdict] = [:]
    for language in Language.allCases {
      let hits = Self.describe(empty.fired, pack: pack, language: language)
      verdicts[language] = Verdict(
        level: empty.level, score: empty.score, hits: hits, elements: Self.elements(of: empty.fired, pack: pack))
    }
    emptyVerdicts = verdicts
    do {
      normalizer = try Normalizer()
    } catch {
      throw RulePackError(diagnostics: [
        Diagnostic(.error, SourceLocation(file: "<normaliser>", line: 1, column: 1), "\(error)")
      ])
    }
    scorer = Scorer(pack: pack.checked)
    scratches = ScratchPool(limits: .default)
  }

  /// Classifies one message.
  /// - Parameters:
  ///   - text: The message, as written.
  ///   - id: An id to echo in the verdict (e.g. a line number or a post id).
  ///   - language: The language of the hits' descriptions.
  public func classify(_ text: String, id: String? = nil, language: Language = .zh) -> Verdict {
    let normalized = normalizer.normalize(text)
    return normalized.withUTF8 { bytes in
      let outcome = scratches.withScratch { scratch in match(bytes, scratch: scratch) }
      guard let (matches, limited) = outcome else {
        // No pattern can match: the verdict is the one of a text without matches.
        var verdict = emptyVerdicts[language] ?? Verdict(level: .clean, score: 0, hits: [])
        verdict.id = id
        return verdict
      }
      let (fired, score, level) = scorer.score(matches: matches, bytes: bytes)
      let hits = explain(fired, normalized: normalized, language: language)
      return Verdict(
        id: id, level: level, score: score, hits: hits, elements: Self.elements(of: fired, pack: pack),
        limited: limited.map { pack.checked.rules[$0].name })
    }
  }

  /// Runs every pattern rule over the normalised bytes.
  /// Runs the pattern rules the prefilter lets through; nil when it lets none through.
  private func match(_ bytes: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> ([[RawMatch]], [Int])? {
    var candidates: [Bool]?
    if let prefilter {
      guard prefilter.mark(bytes, into: &scratch.candidates) else { return nil }
      candidates = scratch.candidates
    }
    var result = Array(repeating: [RawMatch](), count: pack.patterns.count)
    var limited: [Int] = []
    var mentions: MentionFilter?
    for (r, patterns) in pack.patterns.enumerated() where !patterns.isEmpty {
      if let candidates, !candidates[r] { continue }
      let wantCaptures = pack.wantsCaptures[r]
      let positive = pack.isPositive[r]
      for pattern in patterns {
        do {
          for m in try pattern.allMatches(in: bytes, scratch: scratch) {
            if positive {
              // Mentions are looked for only once a positive rule has matched.
              if mentions == nil { mentions = MentionFilter(pack: pack, bytes: bytes, scratch: scratch) }
              if mentions?.isMention(m.range) == true { continue }
            }
            var raw = RawMatch(range: m.range)
            if wantCaptures {
              for (name, _) in pattern.namedGroups {
                if let range = pattern.range(ofGroup: name, in: m) { raw.captures[name] = range }
              }
            }
            result[r].append(raw)
          }
        } catch {
          if !limited.contains(r) { limited.append(r) }
        }
      }
      if patterns.count > 1 { result[r].sort { $0.range.lowerBound < $1.range.lowerBound } }
    }
    return (result, limited)
  }

  /// The legal elements evidenced by the hits of rules with a positive score.
  private static func elements(of fired: [FiredRule], pack: CompiledPack) -> [ElementEvidence] {
    var rulesByElement: [LegalElement: [String]] = [:]
    for f in fired {
      let rule = pack.checked.rules[f.rule]
      guard let k = rule.category, rule.score > 0 else { continue }
      for e in pack.checked.categories[k].elements { rulesByElement[e, default: []].append(rule.name) }
    }
    return LegalElement.allCases.compactMap { e in rulesByElement[e].map { ElementEvidence(element: e, rules: $0) } }
  }

  /// Fired rules as hits without spans, in firing order.
  private static func describe(_ fired: [FiredRule], pack: CompiledPack, language: Language) -> [Hit] {
    let rules = pack.checked.rules
    let categories = pack.checked.categories
    return fired.map { f in
      let rule = rules[f.rule]
      let description =
        (language == .en ? rule.descriptions["en"] : nil) ?? rule.descriptions["zh"] ?? rule.descriptions["en"]
        ?? rule.name
      return Hit(
        rule: rule.name, category: rule.category.map { categories[$0].name }, score: f.contribution,
        description: description, match: nil, start: nil, end: nil, count: max(1, f.occurrences.count))
    }
  }

  /// Turns fired rules into hits with spans and quotes from the original text.
  private func explain(_ fired: [FiredRule], normalized: NormalizedText, language: Language) -> [Hit] {
    var hits = Self.describe(fired, pack: pack, language: language)
    var spans: [(hit: Int, range: Range<Int>)] = []
    for (i, f) in fired.enumerated() {
      if let first = f.occurrences.first {
        spans.append((i, normalized.originalScalarRange(utf8Range: first.range)))
      }
    }
    // Quote the evidence in one walk over the original text.
    let original = normalized.original.unicodeScalars
    var index = original.startIndex
    var position = 0
    for span in spans.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
      guard let lower = original.index(index, offsetBy: span.range.lowerBound - position, limitedBy: original.endIndex),
        let upper = original.index(lower, offsetBy: span.range.count, limitedBy: original.endIndex)
      else { continue }
      index = lower
      position = span.range.lowerBound
      hits[span.hit].match = String(original[lower..<upper])
      hits[span.hit].start = span.range.lowerBound
      hits[span.hit].end = span.range.upperBound
    }
    // Evidence in text order, then meta rules in declaration order.
    let order = hits.indices.sorted { a, b in
      switch (hits[a].start, hits[b].start) {
      case (let x?, let y?): return x != y ? x < y : a < b
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a < b
      }
    }
    return order.map { hits[$0] }
  }
}
