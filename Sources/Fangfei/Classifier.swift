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
  private let ruleIndex: [String: Int]

  /// Warnings found while loading the pack (errors make the initialiser throw instead).
  public var diagnostics: [Diagnostic] { pack.diagnostics }

  /// The names of the pack's rules, in declaration order.
  public var ruleNames: [String] { pack.checked.rules.map(\.name) }

  /// Loads the rule pack bundled with Fangfei (the files under the package's `rules/`).
  public init() throws(RulePackError) {
    try self.init(sources: BundledPack.sources)
  }

  /// Loads rule files and directories (each directory recursively, every `*.rules` file in a
  /// stable order) as one pack.
  /// - Throws: ``RulePackError`` with every diagnostic when any of them is an error.
  public init(rules: [URL]) throws(RulePackError) {
    let (sources, diags) = PackLoader.read(rules.map(\.path))
    try self.init(sources: sources, extra: diags)
  }

  /// Compiles a pack given as text (`path` is used in diagnostics).
  public init(ruleText: String, path: String = "<string>") throws(RulePackError) {
    try self.init(sources: [PackLoader.SourceFile(path: path, text: ruleText)])
  }

  package init(sources: [PackLoader.SourceFile], extra: [Diagnostic] = []) throws(RulePackError) {
    pack = try CompiledPack.load(sources, extra: extra)
    do {
      normalizer = try Normalizer()
    } catch {
      throw RulePackError(diagnostics: [
        Diagnostic(.error, SourceLocation(file: "<normaliser>", line: 1, column: 1), "\(error)")
      ])
    }
    scorer = Scorer(pack: pack.checked)
    ruleIndex = Dictionary(pack.checked.rules.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
    scratches = ScratchPool(limits: .default)
  }

  /// Classifies one message.
  /// - Parameters:
  ///   - text: The message, as written.
  ///   - id: An id to echo in the verdict (e.g. a line number or a post id).
  ///   - language: The language of the hits' descriptions.
  public func classify(_ text: String, id: String? = nil, language: Language = .zh) -> Verdict {
    let normalized = normalizer.normalize(text)
    var subject = normalized.text
    return subject.withUTF8 { bytes in
      let (matches, limited) = scratches.withScratch { scratch in match(bytes, scratch: scratch) }
      let (fired, score, level) = scorer.score(matches: matches, bytes: bytes)
      let hits = explain(fired, normalized: normalized, language: language)
      return Verdict(
        id: id, level: level, score: score, hits: hits, elements: elements(of: hits),
        limited: limited.map { pack.checked.rules[$0].name })
    }
  }

  /// Runs every pattern rule over the normalised bytes.
  private func match(_ bytes: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> ([[RawMatch]], [Int]) {
    let rules = pack.checked.rules
    var result = Array(repeating: [RawMatch](), count: rules.count)
    var limited: [Int] = []
    let mentions = MentionFilter(pack: pack, bytes: bytes, scratch: scratch)
    for (r, patterns) in pack.patterns.enumerated() where !patterns.isEmpty {
      let filterMentions = !mentions.isEmpty && rules[r].score > 0
      let wantCaptures = rules[r].condition?.usesCaptures ?? false
      for pattern in patterns {
        do {
          for m in try pattern.allMatches(in: bytes, scratch: scratch) {
            if filterMentions, mentions.isMention(m.range) { continue }
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
  private func elements(of hits: [Hit]) -> [ElementEvidence] {
    var rulesByElement: [LegalElement: [String]] = [:]
    for hit in hits {
      guard let r = ruleIndex[hit.rule], let k = pack.checked.rules[r].category, pack.checked.rules[r].score > 0
      else { continue }
      for e in pack.checked.categories[k].elements { rulesByElement[e, default: []].append(hit.rule) }
    }
    return LegalElement.allCases.compactMap { e in rulesByElement[e].map { ElementEvidence(element: e, rules: $0) } }
  }

  /// Turns fired rules into hits with spans and quotes from the original text.
  private func explain(_ fired: [FiredRule], normalized: NormalizedText, language: Language) -> [Hit] {
    let rules = pack.checked.rules
    let categories = pack.checked.categories
    var spans: [(hit: Int, range: Range<Int>)] = []
    var hits: [Hit] = []
    for f in fired {
      let rule = rules[f.rule]
      let description =
        (language == .en ? rule.descriptions["en"] : nil) ?? rule.descriptions["zh"] ?? rule.descriptions["en"]
        ?? rule.name
      hits.append(
        Hit(
          rule: rule.name, category: rule.category.map { categories[$0].name }, score: f.contribution,
          description: description, match: nil, start: nil, end: nil, count: max(1, f.occurrences.count)))
      if let first = f.occurrences.first {
        spans.append((hits.count - 1, normalized.originalScalarRange(utf8Range: first.range)))
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
