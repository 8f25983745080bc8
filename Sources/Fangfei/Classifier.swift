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
  package let scratches: ScratchPool
  private let prefilter: Prefilter?
  /// What verdicts say about each rule, resolved once.
  private let texts: RuleTexts
  /// The verdict of a text on which no pattern matches (meta rules may still fire), by language
  /// (not in a dictionary: it is read for nearly every message).
  private let emptyVerdicts: (zh: Verdict, en: Verdict)
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

  /// Loads a pack on two threads. First one parses and checks the files while the other
  /// decodes the bundled pack's literal analyses and the normaliser's tables; then one compiles
  /// the patterns and builds the scorer while the other works out the literals and builds the
  /// prefilter; then both JIT-compile the patterns (``ClassifierOptions/jitAtLoad``).
  package init(sources: [PackLoader.SourceFile], extra: [Diagnostic] = [], options: ClassifierOptions = .init())
    throws(RulePackError)
  {
    let ((checked, checkDiagnostics), loadedNormalizer) = concurrently(
      { () -> (CheckedPack?, [Diagnostic]) in
        let (asts, parseDiagnostics) = PackLoader.parseAll(sources)
        return PackLoader.checkAll(asts, parseDiagnostics: parseDiagnostics, analyseLiterals: false)
      },
      { () -> Result<Normalizer, NormalizerError> in
        BundledPack.registerLiteralAnalyses()
        return Result { () throws(NormalizerError) in try Normalizer() }
      })
    let diagnostics = extra + checkDiagnostics
    guard let checked else { throw RulePackError(diagnostics: CompiledPack.sorted(diagnostics)) }
    let checkFailed = diagnostics.contains { $0.severity == .error }
    let jit = JITWork()
    // The scorer is built on the calling thread: its conditions are indirect enums, whose
    // references carry tag bits that LeakSanitizer does not follow; built here, its allocations
    // stay under the caller's frames, which the fuzz targets' suppressions name.
    let ((patterns, scorer), prepared) = concurrently(
      { () -> (CompiledPack.Patterns, Scorer?) in
        let patterns = CompiledPack.compilePatterns(checked)
        // Only a pack without errors is scored (its conditions are all resolved).
        let scorer = checkFailed ? nil : Scorer(pack: checked)
        if options.jitAtLoad, !checkFailed, patterns.errors.isEmpty {
          jit.publish(patterns.all)
          jit.drain()
        }
        return (patterns, scorer)
      },
      { () -> (CheckedPack, [Diagnostic], Parts)? in
        // Nothing of this is needed when the pack has errors (it will not load).
        guard !checkFailed else { return nil }
        var analysed = checked
        let warnings = PackChecker.analyseLiterals(&analysed)
        let parts = Parts(checked: analysed, usePrefilter: options.usePrefilter)
        if options.jitAtLoad { jit.drain() }
        return (analysed, warnings, parts)
      })
    guard let (analysed, warnings, parts) = prepared, let scorer else {
      throw RulePackError(diagnostics: CompiledPack.sorted(diagnostics + patterns.errors))
    }
    pack = try CompiledPack(checked: analysed, patterns: patterns, diagnostics: diagnostics + warnings)
    switch loadedNormalizer {
    case .success(let n): normalizer = n
    case .failure(let error):
      throw RulePackError(diagnostics: [
        Diagnostic(.error, SourceLocation(file: "<normaliser>", line: 1, column: 1), "\(error)")
      ])
    }
    self.options = options
    prefilter = parts.prefilter
    let texts = parts.texts
    self.texts = texts
    self.scorer = scorer
    let empty = scorer.score(matches: Array(repeating: [MatchGroup](), count: analysed.rules.count))
    func emptyVerdict(_ language: Language) -> Verdict {
      Verdict(
        level: empty.level, score: empty.score, hits: Self.describe(empty.fired, texts: texts, language: language),
        elements: Self.elements(of: empty.fired, texts: texts))
    }
    emptyVerdicts = (emptyVerdict(.zh), emptyVerdict(.en))
    scratches = ScratchPool(limits: .default)
  }

  /// What a classifier needs from the checked pack with its literals, beside the compiled
  /// patterns and the scorer.
  private struct Parts: Sendable {
    let prefilter: Prefilter?
    let texts: RuleTexts

    init(checked: CheckedPack, usePrefilter: Bool) {
      prefilter = usePrefilter ? Prefilter(checked: checked) : nil
      texts = RuleTexts(checked: checked)
    }
  }

  /// Classifies one message.
  /// - Parameters:
  ///   - text: The message, as written.
  ///   - id: An id to echo in the verdict (e.g. a line number or a post id).
  ///   - language: The language of the hits' descriptions.
  public func classify(_ text: String, id: String? = nil, language: Language = .zh) -> Verdict {
    // Only the normalised bytes are needed, which the scratch's buffers hold: the few spans of
    // a verdict are mapped back to the original text from the buffers too, without an offset
    // map or a normalised string.
    let scratch = scratches.borrow()
    defer { scratches.giveBack(scratch) }
    let buffers = scratch.normalization
    let bytes = normalizer.normalizeUTF8(text, into: buffers)
    let outcome = match(bytes, scratch: scratch).map { limited in
      (scorer.score(scratch.table, buffers: &scratch.scoring), limited)
    }
    guard let ((fired, score, level), limited) = outcome else {
      // No pattern can match, or none did (the common case): the verdict is the one of a text
      // without matches (which the scorer would give again).
      var verdict =
        switch language {
        case .zh: emptyVerdicts.zh
        case .en: emptyVerdicts.en
        }
      verdict.id = id
      return verdict
    }
    let hits = explain(fired, text: text, buffers: buffers, language: language)
    return Verdict(
      id: id, level: level, score: score, hits: hits, elements: Self.elements(of: fired, texts: texts),
      limited: limited.map { texts.names[$0] })
  }

  /// Runs the patterns the prefilter lets through over the normalised bytes, leaving each rule's
  /// match groups in `scratch.table`; returns the rules whose patterns hit a match limit. Nil
  /// when no pattern matched and none hit a limit.
  private func match(_ bytes: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> [Int]? {
    let units = pack.units
    if let prefilter {
      guard
        prefilter.mark(
          bytes, into: &scratch.candidates, units: &scratch.prefilterUnits, places: &scratch.prefilterPlaces,
          scratch: &scratch.prefilterGroups)
      else { return nil }
      let selected = scratch.prefilterUnits
      let marked = scratch.candidates
      let first = units.count
      return match(
        bytes, units: selected.lazy.filter { $0 < first }, scratch: scratch, places: scratch.prefilterPlaces,
        hasPrefixes: prefilter.hasPrefixes, mentionMayMatch: { marked[first + $0] })
    }
    return match(
      bytes, units: units.indices, scratch: scratch, places: [], hasPrefixes: [], mentionMayMatch: { _ in true })
  }

  /// Runs the patterns of `units` (indices into ``CompiledPack/units``, in increasing order)
  /// over `bytes`; see ``match(_:scratch:)``. A unit with prefixes (`hasPrefixes[u]`) is tried
  /// only where the prefilter saw them start (`places`, sorted).
  ///
  /// Matches are not kept: each is reduced to its facts (the outcomes of its rule's comparisons
  /// on captures) and counted in the group of matches with the same facts, which remembers the
  /// earliest. A message that matches a million times takes no more memory than one that matches
  /// once.
  private func match<Units: Sequence<Int>>(
    _ bytes: UnsafeBufferPointer<UInt8>, units indices: Units, scratch: MatchScratch, places: [Prefilter.Place],
    hasPrefixes: [Bool], mentionMayMatch: (Int) -> Bool
  ) -> [Int]? {
    scratch.table.reset(ruleCount: pack.patterns.count)
    let units = pack.units
    var limited: [Int] = []
    var mentions: MentionFilter?
    /// The groups of the pattern being run (added to `scratch.table` once it ran to the end).
    var pending = GroupSet()
    var sequence = 0
    /// The first place of a unit not yet run (both are in increasing order).
    var cursor = 0
    for u in indices {
      let unit = units[u]
      let r = unit.rule
      let pattern = unit.pattern
      pending.removeAll()
      // Where the unit's prefixes start, when it has some.
      var starts: ArraySlice<Prefilter.Place>?
      if u < hasPrefixes.count, hasPrefixes[u] {
        let key = Prefilter.Place(u)
        while cursor < places.count, places[cursor] >> 32 < key { cursor += 1 }
        let lower = cursor
        while cursor < places.count, places[cursor] >> 32 == key { cursor += 1 }
        starts = places[lower..<cursor]
      }
      do {
        // A closure literal, not a local function: its captures then stay on the stack.
        try pattern.forEachMatch(in: bytes, places: starts, scratch: scratch) { range in
          // Facts first: the mention filter runs matches of its own through `scratch`.
          var facts: UInt64 = 0
          if unit.wantsCaptures {
            facts = scorer.facts(of: r, bytes: bytes) { name in
              for (n, number) in pattern.namedGroupList where n == name { return scratch.lastGroup(number) }
              return nil
            }
          }
          if unit.isPositive {
            // Mentions are looked for only once a positive rule has matched.
            if mentions == nil {
              mentions = MentionFilter(pack: pack, bytes: bytes, scratch: scratch, mayMatch: mentionMayMatch)
            }
            if mentions?.isMention(range) == true { return }
          }
          pending.add(MatchGroup(facts: facts, first: range, sequence: sequence))
          sequence += 1
        }
      } catch {
        // A pattern that hit a limit contributes no match at all.
        if !limited.contains(r) { limited.append(r) }
        continue
      }
      scratch.table.add(rule: r, groups: pending.groups)
    }
    if scratch.table.isEmpty, limited.isEmpty { return nil }
    return limited
  }

  /// The legal elements evidenced by the hits of rules with a positive score.
  private static func elements(of fired: [FiredRule], texts: RuleTexts) -> [ElementEvidence] {
    var rulesByElement: [[String]]?
    for f in fired {
      for e in texts.elements[f.rule] {
        if rulesByElement == nil { rulesByElement = Array(repeating: [], count: LegalElement.allCases.count) }
        rulesByElement?[e].append(texts.names[f.rule])
      }
    }
    guard let rulesByElement else { return [] }
    return LegalElement.allCases.enumerated().compactMap { i, e in
      rulesByElement[i].isEmpty ? nil : ElementEvidence(element: e, rules: rulesByElement[i])
    }
  }

  /// Fired rules as hits without spans, in firing order.
  private static func describe(_ fired: [FiredRule], texts: RuleTexts, language: Language) -> [Hit] {
    let descriptions = language == .en ? texts.english : texts.chinese
    return fired.map { hit($0, texts: texts, descriptions: descriptions, quote: nil, range: nil) }
  }

  /// The hit of fired rule `f`, with its quote and its span in the original text if it has one.
  private static func hit(
    _ f: FiredRule, texts: RuleTexts, descriptions: [String], quote: String?, range: Range<Int>?
  ) -> Hit {
    Hit(
      rule: texts.names[f.rule], category: texts.categories[f.rule], score: f.contribution,
      description: descriptions[f.rule], match: quote, start: range?.lowerBound, end: range?.upperBound,
      count: max(1, f.count))
  }

  /// Turns fired rules into hits with spans and quotes from the original text, `text`, whose
  /// normalisation `buffers` hold: evidence in text order, then the other hits (meta rules) in
  /// declaration order.
  private func explain(_ fired: [FiredRule], text: String, buffers: NormalizationBuffers, language: Language)
    -> [Hit]
  {
    // The hits with evidence, and its range: normalised UTF-8 bytes, then original scalars.
    var owners: [Int] = []
    var ranges: [Range<Int>] = []
    owners.reserveCapacity(fired.count)
    ranges.reserveCapacity(fired.count)
    for (i, f) in fired.enumerated() {
      if let first = f.first {
        owners.append(i)
        ranges.append(first)
      }
    }
    buffers.mapToOriginal(&ranges)
    var spans = zip(owners, ranges).map { (hit: $0, range: $1) }
    spans.sort { a, b in
      a.range.lowerBound != b.range.lowerBound ? a.range.lowerBound < b.range.lowerBound : a.hit < b.hit
    }
    let descriptions = language == .en ? texts.english : texts.chinese
    func hit(_ i: Int, quote: String?, range: Range<Int>?) -> Hit {
      Self.hit(fired[i], texts: texts, descriptions: descriptions, quote: quote, range: range)
    }
    var hits: [Hit] = []
    hits.reserveCapacity(fired.count)
    var quoted = [Bool](repeating: false, count: fired.count)
    // Quote the evidence in one walk over the UTF-8 of the original text, counting scalars by
    // their lead bytes.
    var original = text
    original.withUTF8 { bytes in
      let count = bytes.count
      /// The byte offset of the scalar `distance` scalars after the one at byte `from`; nil
      /// past the end.
      func offset(_ distance: Int, from: Int) -> Int? {
        var position = from
        for _ in 0..<distance {
          guard position < count else { return nil }
          position += 1
          while position < count, bytes[position] & 0xC0 == 0x80 { position += 1 }
        }
        return position
      }
      var index = 0
      var position = 0
      for span in spans {
        guard let lower = offset(span.range.lowerBound - position, from: index),
          let upper = offset(span.range.count, from: lower)
        else { continue }
        index = lower
        position = span.range.lowerBound
        let quote = String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
        hits.append(hit(span.hit, quote: quote, range: span.range))
        quoted[span.hit] = true
      }
    }
    for i in fired.indices where !quoted[i] { hits.append(hit(i, quote: nil, range: nil)) }
    return hits
  }
}

/// The match groups of one pattern in one message, found by their facts: a linear search while
/// there are few (the usual one or two), a dictionary beyond.
private struct GroupSet {
  private(set) var groups: [MatchGroup] = []
  private var index: [UInt64: Int] = [:]

  mutating func removeAll() {
    if !groups.isEmpty { groups.removeAll(keepingCapacity: true) }
    if !index.isEmpty { index.removeAll() }
  }

  /// Counts `group` (one match) in the group with its facts.
  mutating func add(_ group: MatchGroup) {
    if groups.count <= 8 {
      if let i = groups.firstIndex(where: { $0.facts == group.facts }) {
        groups[i].merge(group)
        return
      }
      groups.append(group)
      if groups.count > 8 {
        for (i, g) in groups.enumerated() { index[g.facts] = i }
      }
      return
    }
    if let i = index[group.facts] {
      groups[i].merge(group)
    } else {
      index[group.facts] = groups.count
      groups.append(group)
    }
  }
}

/// The names, categories, descriptions and legal elements of a pack's rules, as flat arrays:
/// describing a hit copies no rule and looks nothing up by name.
private final class RuleTexts: Sendable {
  let names: [String]
  let categories: [String?]
  /// The Chinese description (or the English one, or the name).
  let chinese: [String]
  /// The English description (or the Chinese one, or the name).
  let english: [String]
  /// Indices into `LegalElement.allCases` of the elements a rule evidences (rules with a
  /// positive score and a category only).
  let elements: [[Int]]

  init(checked: CheckedPack) {
    let rules = checked.rules
    let categories = checked.categories
    let allElements = LegalElement.allCases
    names = rules.map(\.name)
    self.categories = rules.map { $0.category.map { categories[$0].name } }
    chinese = rules.map { $0.descriptions["zh"] ?? $0.descriptions["en"] ?? $0.name }
    english = rules.map { $0.descriptions["en"] ?? $0.descriptions["zh"] ?? $0.name }
    elements = rules.map { rule in
      guard let k = rule.category, rule.score > 0 else { return [] }
      return categories[k].elements.compactMap { e in allElements.firstIndex(of: e) }
    }
  }
}
