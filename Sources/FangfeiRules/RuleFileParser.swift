/// Turns the text of one `.rules` file into a ``RuleFileAST`` and the syntax diagnostics found on
/// the way. It never stops at the first problem: a bad line is reported and skipped.
package struct RuleFileParser {
  private enum Block {
    case none
    case category(Int)
    case rule(Int)
    case skipped  // a block whose header was broken: its keys are ignored without more noise
  }

  private var ast: RuleFileAST
  private var diagnostics: [Diagnostic] = []
  private var block = Block.none
  private let path: String

  private init(path: String) {
    self.path = path
    ast = RuleFileAST(path: path)
  }

  /// Parses `text` read from `path`.
  package static func parse(_ text: String, path: String) -> (RuleFileAST, [Diagnostic]) {
    var parser = RuleFileParser(path: path)
    var lineNumber = 0
    // Split on U+000A scalars ("\r\n" is a single Character, so String.split would not see
    // it), with one pass of the scalar iterator (the generic split was a noticeable part of
    // loading a pack). Like split, a final "\n" is followed by one more, empty, line.
    var scalars: [Unicode.Scalar] = []
    func line() {
      lineNumber += 1
      if scalars.last == "\r" { scalars.removeLast() }
      if lineNumber == 1, scalars.first == "\u{FEFF}" { scalars.removeFirst() }
      parser.parseLine(scalars, line: lineNumber)
      scalars.removeAll(keepingCapacity: true)
    }
    for c in text.unicodeScalars {
      if c == "\n" { line() } else { scalars.append(c) }
    }
    line()
    return (parser.ast, parser.diagnostics)
  }

  private func loc(_ line: Int, _ index: Int) -> SourceLocation {
    SourceLocation(file: path, line: line, column: index + 1)
  }

  private mutating func error(_ line: Int, _ index: Int, _ message: String) {
    diagnostics.append(Diagnostic(.error, loc(line, index), message))
  }

  private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }

  /// The index of the first `#` that starts a comment (at the start or after white space, not
  /// escaped), or `end`.
  private static func commentStart(_ s: [Unicode.Scalar], from: Int) -> Int {
    var i = from
    while i < s.count {
      if s[i] == "\\" {
        i += 2
        continue
      }
      if s[i] == "#", i == from || isSpace(s[i - 1]) { return i }
      i += 1
    }
    return s.count
  }

  /// Trims white space on both sides of `s[from..<to]`, returning the new bounds.
  private static func trim(_ s: [Unicode.Scalar], _ from: Int, _ to: Int) -> (Int, Int) {
    var a = from
    var b = to
    while a < b, isSpace(s[a]) { a += 1 }
    while b > a, isSpace(s[b - 1]) { b -= 1 }
    return (a, b)
  }

  /// Splits off the next white-space separated word starting at or after `from`.
  private static func word(_ s: [Unicode.Scalar], from: Int, to: Int) -> (start: Int, end: Int)? {
    var a = from
    while a < to, isSpace(s[a]) { a += 1 }
    guard a < to else { return nil }
    var b = a
    while b < to, !isSpace(s[b]) { b += 1 }
    return (a, b)
  }

  private static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
    scalarString(s)
  }

  /// A free-text value: comment removed, `\#` unescaped, trimmed.
  private static func textValue(_ s: [Unicode.Scalar], from: Int) -> String {
    let end = commentStart(s, from: from)
    let (a, b) = trim(s, from, end)
    var out: [UInt8] = []
    out.reserveCapacity((b - a) * 3)
    var i = a
    while i < b {
      if s[i] == "\\", i + 1 < b, s[i + 1] == "#" {
        out.append(UInt8(ascii: "#"))
        i += 2
      } else {
        UTF8.encode(s[i]) { out.append($0) }
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func isName(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = s.first, ConditionParser.isIdentStart(first) else { return false }
    return s.allSatisfy { ConditionParser.isIdentContinue($0) }
  }

  private mutating func parseLine(_ s: [Unicode.Scalar], line: Int) {
    let (a, b) = Self.trim(s, 0, s.count)
    if a == b || s[a] == "#" { return }
    if a == 0 {
      parseHeader(s, line: line, end: b)
    } else {
      parseKey(s, line: line, start: a)
    }
  }

  // MARK: top-level declarations

  private mutating func parseHeader(_ s: [Unicode.Scalar], line: Int, end: Int) {
    block = .skipped
    guard let kw = Self.word(s, from: 0, to: end) else { return }
    let keyword = Self.string(s[kw.start..<kw.end])
    let contentEnd = keyword == "define" ? end : Self.commentStart(s, from: kw.end)
    switch keyword {
    case "category", "rule":
      guard let nameRange = Self.word(s, from: kw.end, to: contentEnd) else {
        error(line, kw.end, "'\(keyword)' needs a name, e.g. '\(keyword) high-returns'")
        return
      }
      let nameSlice = s[nameRange.start..<nameRange.end]
      guard Self.isName(nameSlice) else {
        error(
          line, nameRange.start,
          "invalid \(keyword) name '\(Self.string(nameSlice))': use letters, digits, '-' and '_', starting with a letter"
        )
        return
      }
      if let extra = Self.word(s, from: nameRange.end, to: contentEnd) {
        error(line, extra.start, "unexpected text after the \(keyword) name; keys go on indented lines below it")
      }
      let name = Located(Self.string(nameSlice), at: loc(line, nameRange.start))
      if keyword == "category" {
        ast.categories.append(CategoryDecl(name: name))
        block = .category(ast.categories.count - 1)
      } else {
        ast.rules.append(RuleDecl(name: name))
        block = .rule(ast.rules.count - 1)
      }
    case "define":
      guard let nameRange = Self.word(s, from: kw.end, to: Self.commentStart(s, from: kw.end)) else {
        error(line, kw.end, "'define' needs a name and a pattern, e.g. 'define RATE \\d+%'")
        return
      }
      let nameSlice = s[nameRange.start..<nameRange.end]
      guard Self.isName(nameSlice), !nameSlice.contains("-") else {
        error(
          line, nameRange.start,
          "invalid fragment name '\(Self.string(nameSlice))': use letters, digits and '_', starting with a letter")
        return
      }
      guard let pattern = parsePatternValue(s, line: line, from: nameRange.end, key: "define", allowBare: true)
      else { return }
      ast.fragments.append(
        FragmentDecl(name: Located(Self.string(nameSlice), at: loc(line, nameRange.start)), pattern: pattern))
      block = .none
    case "variants":
      block = .none
      var words: [Located<String>] = []
      var from = kw.end
      while let r = Self.word(s, from: from, to: contentEnd) {
        words.append(Located(Self.string(s[r.start..<r.end]), at: loc(line, r.start)))
        from = r.end
      }
      guard let term = words.first, words.count >= 2 else {
        error(line, kw.end, "'variants' needs a term and at least one variant, e.g. 'variants 加微 加V 加薇'")
        return
      }
      ast.variants.append(VariantsDecl(term: term, variants: Array(words.dropFirst())))
    case "mention":
      block = .none
      parseMention(s, line: line, kw: kw, contentEnd: contentEnd)
    case "threshold":
      block = .none
      guard let levelRange = Self.word(s, from: kw.end, to: contentEnd),
        let valueRange = Self.word(s, from: levelRange.end, to: contentEnd)
      else {
        error(line, kw.end, "'threshold' needs a level and a number, e.g. 'threshold scam 8'")
        return
      }
      let level = Self.string(s[levelRange.start..<levelRange.end])
      guard level == "suspicious" || level == "scam" else {
        error(line, levelRange.start, "unknown level '\(level)': thresholds are 'suspicious' or 'scam'")
        return
      }
      guard let value = number(s, valueRange, line: line) else { return }
      if let extra = Self.word(s, from: valueRange.end, to: contentEnd) {
        error(line, extra.start, "unexpected text after the threshold value")
      }
      ast.thresholds.append(ThresholdDecl(level: Located(level, at: loc(line, levelRange.start)), value: value))
    default:
      error(
        line, kw.start,
        "unknown declaration '\(keyword)': expected 'category', 'define', 'rule', 'variants', 'mention' or 'threshold' (keys of a block are indented)"
      )
    }
  }

  private mutating func number(_ s: [Unicode.Scalar], _ r: (start: Int, end: Int), line: Int) -> Double? {
    let text = Self.string(s[r.start..<r.end])
    guard text.unicodeScalars.allSatisfy({ ConditionParser.isDigit($0) || $0 == "." || $0 == "-" || $0 == "+" }),
      let v = Double(text), v.isFinite
    else {
      error(line, r.start, "bad number '\(text)'")
      return nil
    }
    return v
  }

  /// `mention quoted` | `mention before|after /PATTERN/ within N`.
  private mutating func parseMention(
    _ s: [Unicode.Scalar], line: Int, kw: (start: Int, end: Int), contentEnd: Int
  ) {
    guard let kindRange = Self.word(s, from: kw.end, to: contentEnd) else {
      error(line, kw.end, "'mention' needs 'quoted', or 'before' or 'after' with a pattern and 'within N'")
      return
    }
    let kindText = Self.string(s[kindRange.start..<kindRange.end])
    guard let kind = MentionDecl.Kind(rawValue: kindText) else {
      error(line, kindRange.start, "unknown mention kind '\(kindText)': use 'quoted', 'before' or 'after'")
      return
    }
    let at = loc(line, kw.start)
    if kind == .quoted {
      if let extra = Self.word(s, from: kindRange.end, to: contentEnd) {
        error(line, extra.start, "unexpected text after 'mention quoted'")
      }
      ast.mentions.append(MentionDecl(kind: .quoted, pattern: nil, within: 0, location: at))
      return
    }
    guard
      let pattern = parsePatternValue(
        s, line: line, from: kindRange.end, key: "mention \(kindText)", allowBare: false, trailing: true)
    else { return }
    // After the pattern's closing slash and flags: `within N`.
    var after = pattern.location.column - 1 + pattern.scalars.count + 1
    while after < s.count, !Self.isSpace(s[after]) { after += 1 }  // flags
    let rest = Self.commentStart(s, from: after)
    guard let w = Self.word(s, from: after, to: rest), Self.string(s[w.start..<w.end]) == "within",
      let n = Self.word(s, from: w.end, to: rest)
    else {
      error(line, after, "'mention \(kindText)' needs 'within N' after the pattern (N characters)")
      return
    }
    guard let value = number(s, n, line: line) else { return }
    guard value >= 0, value == value.rounded(), value <= 1000 else {
      error(line, n.start, "'within' takes a whole number of characters from 0 to 1000")
      return
    }
    if let extra = Self.word(s, from: n.end, to: rest) {
      error(line, extra.start, "unexpected text after 'within \(Self.string(s[n.start..<n.end]))'")
    }
    ast.mentions.append(MentionDecl(kind: kind, pattern: pattern, within: Int(value), location: at))
  }

  // MARK: patterns

  /// Parses `/pattern/flags` (or, with `allowBare`, a bare pattern running to a comment or the end).
  private mutating func parsePatternValue(
    _ s: [Unicode.Scalar], line: Int, from: Int, key: String, allowBare: Bool, trailing: Bool = false
  ) -> PatternSource? {
    var a = from
    while a < s.count, Self.isSpace(s[a]) { a += 1 }
    guard a < s.count, s[a] != "#" else {
      error(line, a, "'\(key)' needs a pattern, e.g. '\(key) /年化\\s*收益/'")
      return nil
    }
    if s[a] != "/" {
      guard allowBare else {
        error(line, a, "a pattern is written between slashes: /pattern/flags")
        return nil
      }
      let end = Self.commentStart(s, from: a)
      let (p, q) = Self.trim(s, a, end)
      return PatternSource(scalars: Array(s[p..<q]), location: loc(line, p))
    }
    var i = a + 1
    var closing: Int?
    while i < s.count {
      if s[i] == "\\" {
        i += 2
        continue
      }
      if s[i] == "/" {
        closing = i
        break
      }
      i += 1
    }
    guard let close = closing else {
      error(line, a, "unterminated pattern: no closing '/' (write a literal slash as \\/)")
      return nil
    }
    if close == a + 1 {
      error(line, a, "empty pattern")
      return nil
    }
    var flags: PatternFlags = []
    var j = close + 1
    while j < s.count, !Self.isSpace(s[j]) {
      guard let f = PatternFlags.flag(for: s[j]) else {
        error(line, j, "unknown pattern flag '\(s[j])' (known: i, s, x, m)")
        return nil
      }
      flags.insert(f)
      j += 1
    }
    let rest = Self.commentStart(s, from: j)
    if !trailing, let extra = Self.word(s, from: j, to: rest) {
      error(line, extra.start, "unexpected text after the pattern (a comment starts with ' #')")
    }
    return PatternSource(scalars: Array(s[(a + 1)..<close]), location: loc(line, a + 1), flags: flags)
  }

  // MARK: keys inside a block

  private static let categoryKeys = ["title", "cap", "element"]
  private static let ruleKeys = ["category", "describe", "score", "match", "when", "hit", "miss"]

  private mutating func parseKey(_ s: [Unicode.Scalar], line: Int, start: Int) {
    guard let kw = Self.word(s, from: start, to: s.count) else { return }
    let key = Self.string(s[kw.start..<kw.end])
    switch block {
    case .none:
      error(line, start, "indented line outside a 'category' or 'rule' block")
    case .skipped:
      return
    case .category(let index):
      parseCategoryKey(key, s, line: line, kw: kw, index: index)
    case .rule(let index):
      parseRuleKey(key, s, line: line, kw: kw, index: index)
    }
  }

  /// `title zh|en TEXT`, `describe zh|en TEXT`: returns the language and the text.
  private mutating func languageText(
    _ key: String, _ s: [Unicode.Scalar], line: Int, kw: (start: Int, end: Int)
  ) -> (String, String)? {
    guard let langRange = Self.word(s, from: kw.end, to: Self.commentStart(s, from: kw.end)) else {
      error(line, kw.end, "'\(key)' needs a language and a text, e.g. '\(key) zh 高额回报'")
      return nil
    }
    let lang = Self.string(s[langRange.start..<langRange.end])
    guard lang == "zh" || lang == "en" else {
      error(line, langRange.start, "unknown language '\(lang)' for '\(key)': use 'zh' or 'en'")
      return nil
    }
    let text = Self.textValue(s, from: langRange.end)
    guard !text.isEmpty else {
      error(line, langRange.end, "'\(key) \(lang)' needs a text")
      return nil
    }
    return (lang, text)
  }

  private mutating func parseCategoryKey(
    _ key: String, _ s: [Unicode.Scalar], line: Int, kw: (start: Int, end: Int), index: Int
  ) {
    let contentEnd = Self.commentStart(s, from: kw.end)
    switch key {
    case "title":
      guard let (lang, text) = languageText(key, s, line: line, kw: kw) else { return }
      if ast.categories[index].titles[lang] != nil {
        error(line, kw.start, "duplicate 'title \(lang)' in category '\(ast.categories[index].name.value)'")
      }
      ast.categories[index].titles[lang] = text
    case "cap":
      guard let r = Self.word(s, from: kw.end, to: contentEnd) else {
        error(line, kw.end, "'cap' needs a number")
        return
      }
      guard let v = number(s, r, line: line) else { return }
      guard v > 0 else {
        error(line, r.start, "a cap must be positive, got \(Self.string(s[r.start..<r.end]))")
        return
      }
      if ast.categories[index].cap != nil {
        error(line, kw.start, "duplicate 'cap' in category '\(ast.categories[index].name.value)'")
      }
      ast.categories[index].cap = Located(v, at: loc(line, r.start))
    case "element":
      var from = kw.end
      var any = false
      while let r = Self.word(s, from: from, to: contentEnd) {
        ast.categories[index].elements.append(Located(Self.string(s[r.start..<r.end]), at: loc(line, r.start)))
        from = r.end
        any = true
      }
      if !any { error(line, kw.end, "'element' needs one or more element names") }
    default:
      error(line, kw.start, "unknown key '\(key)' in a category (known: \(Self.categoryKeys.joined(separator: ", ")))")
    }
  }

  private mutating func parseRuleKey(
    _ key: String, _ s: [Unicode.Scalar], line: Int, kw: (start: Int, end: Int), index: Int
  ) {
    let contentEnd = Self.commentStart(s, from: kw.end)
    let ruleName = ast.rules[index].name.value
    switch key {
    case "category":
      guard let r = Self.word(s, from: kw.end, to: contentEnd) else {
        error(line, kw.end, "'category' needs a category name")
        return
      }
      if ast.rules[index].category != nil {
        error(line, kw.start, "duplicate 'category' in rule '\(ruleName)': a rule belongs to one category")
      }
      ast.rules[index].category = Located(Self.string(s[r.start..<r.end]), at: loc(line, r.start))
      if let extra = Self.word(s, from: r.end, to: contentEnd) {
        error(line, extra.start, "unexpected text after the category name")
      }
    case "describe":
      guard let (lang, text) = languageText(key, s, line: line, kw: kw) else { return }
      if ast.rules[index].descriptions[lang] != nil {
        error(line, kw.start, "duplicate 'describe \(lang)' in rule '\(ruleName)'")
      }
      ast.rules[index].descriptions[lang] = text
    case "score":
      guard let r = Self.word(s, from: kw.end, to: contentEnd) else {
        error(line, kw.end, "'score' needs a number")
        return
      }
      guard let v = number(s, r, line: line) else {
        // Already reported; keep a score so that "has no score" does not follow.
        ast.rules[index].score = Located(0, at: loc(line, r.start))
        return
      }
      if ast.rules[index].score != nil {
        error(line, kw.start, "duplicate 'score' in rule '\(ruleName)'")
      }
      ast.rules[index].score = Located(v, at: loc(line, r.start))
    case "match":
      if let p = parsePatternValue(s, line: line, from: kw.end, key: "match", allowBare: false) {
        ast.rules[index].patterns.append(p)
      }
    case "when":
      let (a, b) = Self.trim(s, kw.end, contentEnd)
      var parser = ConditionParser(Array(s[a..<b]), at: loc(line, a))
      switch parser.parse() {
      case .success(let c): ast.rules[index].conditions.append(c)
      case .failure(let e):
        diagnostics.append(Diagnostic(.error, e.location, e.message))
        ast.rules[index].hasBrokenCondition = true
      }
    case "hit", "miss":
      let text = Self.textValue(s, from: kw.end)
      guard !text.isEmpty else {
        error(line, kw.end, "'\(key)' needs an example text")
        return
      }
      var a = kw.end
      while a < s.count, Self.isSpace(s[a]) { a += 1 }
      ast.rules[index].examples.append(ExampleDecl(mustHit: key == "hit", text: text, location: loc(line, a)))
    default:
      error(line, kw.start, "unknown key '\(key)' in a rule (known: \(Self.ruleKeys.joined(separator: ", ")))")
    }
  }
}
