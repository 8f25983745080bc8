/// Checks the parsed files of a pack as a whole: names, references, conditions, cycles,
/// thresholds; expands fragments. Reports every problem it finds, then either a
/// ``CheckedPack`` or nothing.
package enum PackChecker {
  /// Default thresholds for a pack that declares none.
  package static let defaultSuspicious = 4.0
  package static let defaultScam = 8.0

  /// Checks `files`; returns the pack (nil when there is an error) and all diagnostics, sorted.
  package static func check(_ files: [RuleFileAST]) -> (CheckedPack?, [Diagnostic]) {
    var diags: [Diagnostic] = []
    func error(_ at: SourceLocation, _ message: String) { diags.append(Diagnostic(.error, at, message)) }
    func warning(_ at: SourceLocation, _ message: String) { diags.append(Diagnostic(.warning, at, message)) }

    // Names, first declaration wins.
    var categoryIndex: [String: Int] = [:]
    var categories: [CheckedCategory] = []
    var fragmentDecls: [String: FragmentDecl] = [:]
    var ruleDecls: [RuleDecl] = []
    var ruleIndex: [String: Int] = [:]
    var thresholds: [String: ThresholdDecl] = [:]
    var mentionDecls: [MentionDecl] = []
    var variantTable: [String: [String]] = [:]
    var variantLocations: [String: SourceLocation] = [:]
    for file in files {
      for c in file.categories {
        if let first = categoryIndex[c.name.value] {
          error(
            c.name.location, "duplicate category '\(c.name.value)' (first declared at \(categories[first].location))")
          continue
        }
        var elements: [LegalElement] = []
        for e in c.elements {
          if let element = LegalElement(named: e.value) {
            if !elements.contains(element) { elements.append(element) }
          } else {
            error(
              e.location,
              "unknown legal element '\(e.value)' (known: illegality 非法性, publicity 公开性, inducement 利诱性, sociality 社会性)"
            )
          }
        }
        if c.titles["zh"] == nil { warning(c.name.location, "category '\(c.name.value)' has no 'title zh'") }
        categoryIndex[c.name.value] = categories.count
        categories.append(
          CheckedCategory(
            name: c.name.value, titles: c.titles, cap: c.cap?.value, elements: elements, location: c.name.location))
      }
      for f in file.fragments {
        if let first = fragmentDecls[f.name.value] {
          error(f.name.location, "duplicate fragment '\(f.name.value)' (first defined at \(first.name.location))")
          continue
        }
        fragmentDecls[f.name.value] = f
      }
      for r in file.rules {
        if let first = ruleIndex[r.name.value] {
          error(
            r.name.location, "duplicate rule '\(r.name.value)' (first declared at \(ruleDecls[first].name.location))")
          continue
        }
        if let c = categoryIndex[r.name.value] {
          error(
            r.name.location,
            "rule '\(r.name.value)' has the name of the category declared at \(categories[c].location); names of rules and categories must differ"
          )
          continue
        }
        ruleIndex[r.name.value] = ruleDecls.count
        ruleDecls.append(r)
      }
      mentionDecls.append(contentsOf: file.mentions)
      for v in file.variants {
        if let first = variantLocations[v.term.value] {
          error(v.term.location, "duplicate variants term '\(v.term.value)' (first declared at \(first))")
          continue
        }
        variantLocations[v.term.value] = v.term.location
        // The term itself is one of its spellings; duplicates are dropped, order kept.
        var spellings: [String] = []
        for w in [v.term] + v.variants {
          let lower = w.value.lowercased()
          if spellings.contains(lower) {
            warning(w.location, "'\(w.value)' is listed twice for '\(v.term.value)'")
          } else {
            spellings.append(lower)
          }
        }
        // Longest first, so that an alternation prefers the longer spelling.
        variantTable[v.term.value] = spellings.sorted { $0.unicodeScalars.count > $1.unicodeScalars.count }
      }
      for t in file.thresholds {
        if let first = thresholds[t.level.value] {
          error(t.level.location, "duplicate threshold '\(t.level.value)' (first set at \(first.level.location))")
          continue
        }
        thresholds[t.level.value] = t
      }
    }
    // A category declared after a rule of the same name (in a later file).
    for (name, c) in categoryIndex {
      if let r = ruleIndex[name], ruleDecls[r].name.location < categories[c].location {
        error(
          categories[c].location,
          "category '\(name)' has the name of the rule declared at \(ruleDecls[r].name.location)")
      }
    }

    let suspicious = thresholds["suspicious"]?.value ?? defaultSuspicious
    let scam = thresholds["scam"]?.value ?? defaultScam
    if thresholds.isEmpty, let first = files.first, !ruleDecls.isEmpty {
      warning(
        SourceLocation(file: first.path, line: 1, column: 1),
        "the pack sets no thresholds; using 'threshold suspicious \(formatNumber(defaultSuspicious))' and 'threshold scam \(formatNumber(defaultScam))'"
      )
    }
    if let t = thresholds["scam"], scam < suspicious {
      error(
        t.level.location,
        "the scam threshold (\(formatNumber(scam))) is below the suspicious threshold (\(formatNumber(suspicious)))")
    }

    // Fragments.
    var expander = PatternExpander(fragments: fragmentDecls, variants: variantTable)
    for name in fragmentDecls.keys.sorted() { _ = expander.expandFragment(name) }
    var usedFragments = Set<String>()
    func noteFragmentUse(_ p: PatternSource) {
      var i = 0
      let s = p.scalars
      while i < s.count {
        if s[i] == "\\" {
          i += 2
          continue
        }
        if s[i] == "{" {
          var j = i + 1
          while j < s.count, s[j] != "}", ConditionParser.isIdentContinue(s[j]) { j += 1 }
          if j < s.count, s[j] == "}", j > i + 1 {
            let name = scalarString(s[(i + 1)..<j])
            if !usedFragments.contains(name), let f = fragmentDecls[name] {
              usedFragments.insert(name)
              noteFragmentUse(f.pattern)
            }
          }
        }
        i += 1
      }
    }

    // Rules.
    var rules: [CheckedRule] = []
    for (index, r) in ruleDecls.enumerated() {
      var category: Int?
      if let c = r.category {
        if let ci = categoryIndex[c.value] {
          category = ci
          categories[ci].rules.append(index)
        } else {
          var message = "unknown category '\(c.value)'"
          if let near = closest(c.value, in: Array(categoryIndex.keys)) { message += "; did you mean '\(near)'?" }
          error(c.location, message)
        }
      }
      if r.score == nil { error(r.name.location, "rule '\(r.name.value)' has no 'score'") }
      if r.descriptions["zh"] == nil { warning(r.name.location, "rule '\(r.name.value)' has no 'describe zh'") }
      if r.patterns.isEmpty, r.conditions.isEmpty, !r.hasBrokenCondition {
        error(r.name.location, "rule '\(r.name.value)' has neither 'match' nor 'when'")
      }
      let patterns = r.patterns.map { p -> ExpandedPattern in
        noteFragmentUse(p)
        return expander.expand(p)
      }
      if !r.patterns.isEmpty, !r.examples.contains(where: \.mustHit) {
        warning(r.name.location, "rule '\(r.name.value)' has no 'hit' example")
      }
      rules.append(
        CheckedRule(
          name: r.name.value, location: r.name.location, category: category, descriptions: r.descriptions,
          score: r.score?.value ?? 0, patterns: patterns, condition: nil, examples: r.examples))
    }
    let mentions = mentionDecls.map { m -> CheckedMention in
      let expanded = m.pattern.map { p -> ExpandedPattern in
        noteFragmentUse(p)
        return expander.expand(p)
      }
      return CheckedMention(kind: m.kind, pattern: expanded, within: m.within, location: m.location)
    }
    diags.append(contentsOf: expander.diagnostics)
    for (name, f) in fragmentDecls where !usedFragments.contains(name) {
      warning(f.name.location, "fragment '\(name)' is never used")
    }
    for c in categories where c.rules.isEmpty {
      warning(c.location, "category '\(c.name)' has no rules")
    }

    // Conditions.
    var dependencies: [[Int]] = Array(repeating: [], count: rules.count)
    for (index, r) in ruleDecls.enumerated() where !r.conditions.isEmpty {
      var resolver = ConditionResolver(
        ruleIndex: ruleIndex, categoryIndex: categoryIndex, categories: categories, rule: rules[index])
      var resolved: [ResolvedCondition] = []
      for c in r.conditions {
        if let rc = resolver.resolve(c) { resolved.append(rc) }
      }
      diags.append(contentsOf: resolver.diagnostics)
      dependencies[index] = resolver.dependencies
      if resolved.count == r.conditions.count, var all = resolved.first {
        for next in resolved.dropFirst() { all = .and(all, next) }
        rules[index].condition = all
      }
    }

    // Cycles and evaluation order (depth-first, in declaration order).
    var state = Array(repeating: 0, count: rules.count)  // 0 new, 1 on the path, 2 done
    var order: [Int] = []
    var path: [Int] = []
    var reported = Set<Int>()
    func visit(_ i: Int) {
      if state[i] == 2 { return }
      if state[i] == 1 {
        let cycle = path.drop(while: { $0 != i }) + [i]
        let start = cycle.min { rules[$0].location < rules[$1].location } ?? i
        if !reported.contains(start) {
          reported.formUnion(cycle)
          error(
            rules[start].location,
            "cycle between rules: \(cycle.map { rules[$0].name }.joined(separator: " → ")) (a rule cannot depend on itself)"
          )
        }
        return
      }
      state[i] = 1
      path.append(i)
      for d in dependencies[i] { visit(d) }
      path.removeLast()
      state[i] = 2
      order.append(i)
    }
    for i in rules.indices { visit(i) }

    diags = Array(Set(diags)).sorted {
      ($0.location, $0.severity.rawValue, $0.message) < ($1.location, $1.severity.rawValue, $1.message)
    }
    let pack = CheckedPack(
      categories: categories, rules: rules, evaluationOrder: order, suspiciousThreshold: suspicious,
      scamThreshold: scam, files: files.map(\.path), mentions: mentions,
      variantTable: variantTable)
    return (pack, diags)
  }

  /// A number as a rule file writes it: `8`, `2.5`.
  package static func formatNumber(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }
}

/// Resolves the names in one rule's conditions and records what the rule depends on.
private struct ConditionResolver {
  let ruleIndex: [String: Int]
  let categoryIndex: [String: Int]
  let categories: [CheckedCategory]
  let rule: CheckedRule
  var diagnostics: [Diagnostic] = []
  var dependencies: [Int] = []
  /// Comparisons on captures so far (each is one bit of a match's facts: at most
  /// ``ResolvedCondition/maximumCaptureComparisons`` per rule).
  var captureComparisons = 0

  init(ruleIndex: [String: Int], categoryIndex: [String: Int], categories: [CheckedCategory], rule: CheckedRule) {
    self.ruleIndex = ruleIndex
    self.categoryIndex = categoryIndex
    self.categories = categories
    self.rule = rule
  }

  private mutating func reference(_ name: Located<String>) -> ResolvedCondition? {
    if let r = ruleIndex[name.value] {
      dependencies.append(r)
      return .rule(r)
    }
    if let c = categoryIndex[name.value] {
      dependencies.append(contentsOf: categories[c].rules)
      return .category(c)
    }
    var message = "unknown rule or category '\(name.value)'"
    if let near = closest(name.value, in: Array(ruleIndex.keys) + Array(categoryIndex.keys)) {
      message += "; did you mean '\(near)'?"
    }
    if !rule.isMeta, rule.patterns.contains(where: { $0.captureNames.contains(name.value) }) {
      message += " ('\(name.value)' is a capture: compare it, e.g. '\(name.value) >= 10')"
    }
    diagnostics.append(Diagnostic(.error, name.location, message))
    return nil
  }

  private mutating func capture(_ name: Located<String>, needPeriod: Bool) -> Bool {
    captureComparisons += 1
    if captureComparisons > ResolvedCondition.maximumCaptureComparisons {
      if captureComparisons == ResolvedCondition.maximumCaptureComparisons + 1 {
        diagnostics.append(
          Diagnostic(
            .error, name.location,
            "rule '\(rule.name)' compares captures more than \(ResolvedCondition.maximumCaptureComparisons) times"))
      }
      return false
    }
    if rule.isMeta {
      diagnostics.append(
        Diagnostic(
          .error, name.location,
          "'\(name.value)' reads a named capture, but rule '\(rule.name)' has no 'match' pattern"))
      return false
    }
    var ok = true
    for (n, p) in rule.patterns.enumerated() {
      let which =
        rule.patterns.count > 1 ? "pattern \(n + 1) of rule '\(rule.name)'" : "the pattern of rule '\(rule.name)'"
      if !p.captureNames.contains(name.value) {
        var message = "\(which) has no capture named '\(name.value)'"
        if p.captureNames.isEmpty {
          message += " (name a group: (?<\(name.value)>…))"
        } else {
          message += " (it has: \(p.captureNames.joined(separator: ", ")))"
        }
        diagnostics.append(Diagnostic(.error, name.location, message))
        ok = false
      }
      if needPeriod, !p.captureNames.contains("period") {
        diagnostics.append(
          Diagnostic(
            .error, name.location,
            "annual(\(name.value)) needs a capture named 'period' in \(which) (年/月/日/周 or year/month/day/week)"))
        ok = false
      }
    }
    return ok
  }

  mutating func resolve(_ c: Condition) -> ResolvedCondition? {
    switch c {
    case .name(let n):
      return reference(n)
    case .compare(let operand, let op, let value):
      switch operand {
      case .capture(let n):
        return capture(n, needPeriod: false) ? .compare(.capture(n.value), op, value) : nil
      case .annual(let n):
        return capture(n, needPeriod: true) ? .compare(.annual(n.value), op, value) : nil
      case .categories:
        return .compare(.categories, op, value)
      case .count(let n):
        guard let ref = reference(n) else { return nil }
        switch ref {
        case .rule(let r): return .compare(.countRule(r), op, value)
        case .category(let k): return .compare(.countCategory(k), op, value)
        default: return nil
        }
      }
    case .and(let a, let b):
      let (x, y) = (resolve(a), resolve(b))
      guard let x, let y else { return nil }
      return .and(x, y)
    case .or(let a, let b):
      let (x, y) = (resolve(a), resolve(b))
      guard let x, let y else { return nil }
      return .or(x, y)
    case .not(let a):
      return resolve(a).map { .not($0) }
    }
  }
}

extension PackChecker {
  /// Works out what the prefilter needs of every rule pattern (``CheckedRule/patternLiterals``,
  /// ``CheckedRule/patternConjunctions`` and ``CheckedRule/patternPrefixes``, by ``RequiredLiterals/analyse(_:extended:)``) and
  /// warns about rules it cannot skip. Meant for a pack ``check(_:)`` found no error in (a broken
  /// pattern has no literals to speak of); apart from ``check(_:)`` so that a loader can run it
  /// on another thread while it compiles the patterns.
  package static func analyseLiterals(_ pack: inout CheckedPack) -> [Diagnostic] {
    var warnings: [Diagnostic] = []
    for index in pack.rules.indices where !pack.rules[index].patterns.isEmpty {
      let rule = pack.rules[index]
      var patternLiterals: [[String]?] = []
      var patternConjunctions: [[[String]]?] = []
      var patternPrefixes: [[String]?] = []
      // A rule whose patterns require no literal, or only single characters, runs on (nearly)
      // every message.
      var shortest: String?
      var shortestCount = 0
      var none = false
      for p in rule.patterns {
        let analysis = RequiredLiterals.analyse(p.text, extended: p.flags.contains(.extended))
        patternConjunctions.append(analysis.conjunction)
        patternPrefixes.append(analysis.prefixes)
        patternLiterals.append(analysis.literals)
        guard let literals = analysis.literals else {
          none = true
          continue
        }
        for l in literals {
          // Only a literal of fewer than 2 scalars matters below: count at most 2.
          var n = 0
          for _ in l.unicodeScalars.prefix(2) { n += 1 }
          if shortest == nil || n < shortestCount {
            shortest = l
            shortestCount = n
          }
        }
      }
      pack.rules[index].patternLiterals = patternLiterals
      pack.rules[index].patternConjunctions = patternConjunctions
      pack.rules[index].patternPrefixes = patternPrefixes
      if none {
        warnings.append(
          Diagnostic(
            .warning, rule.location,
            "rule '\(rule.name)' has no literal the prefilter can look for, so it runs on every message; make every pattern (and every branch) contain a fixed word"
          ))
      } else if let s = shortest, shortestCount < 2 {
        warnings.append(
          Diagnostic(
            .warning, rule.location,
            "the prefilter can only look for single characters such as '\(s)' for rule '\(rule.name)', so it runs on most messages; join short parts into words (the normaliser removes spaces between Han characters)"
          ))
      }
    }
    return warnings
  }
}
