/// A pattern after `{FRAGMENT}` references were replaced by `(?:fragment)`, with the source
/// location of every scalar, so that an error at any offset can be reported on the line (and
/// column) where the offending character was written — the fragment's own line included.
package struct ExpandedPattern: Sendable, Hashable {
  /// The expanded pattern.
  package var scalars: [Unicode.Scalar]
  /// Where each scalar was written, as runs: `scalars[i]` belongs to the last run whose `start`
  /// is at most `i`; in an advancing run it was written `i - start` columns after the run's
  /// location (text copied as written), otherwise at the run's location itself (the `(?:` and
  /// `)` around a fragment, and variant spellings, point at the reference). Runs instead of one
  /// location per scalar: building and comparing those was a noticeable part of loading a pack.
  package var locationRuns: [LocationRun]
  /// The flags written after the pattern.
  package var flags: PatternFlags
  /// Where the pattern starts (its first scalar after `/`).
  package var location: SourceLocation
  /// The names of the pattern's named capture groups, in order.
  package var captureNames: [String] = []

  /// The expanded pattern as a string (PCRE2 syntax).
  package var text: String { scalarString(scalars) }

  /// A run of ``locationRuns``.
  package struct LocationRun: Sendable, Hashable {
    /// The index in ``scalars`` where the run starts.
    package var start: Int
    /// Where its first scalar was written.
    package var location: SourceLocation
    /// Whether the run's scalars were written one column after another.
    package var advancing: Bool
  }

  /// The source location of the scalar at `offset`; past the end, the column after the last one.
  package func location(atScalar offset: Int) -> SourceLocation {
    guard !scalars.isEmpty else { return location }
    if offset < 0 || offset >= scalars.count { return location(atScalar: scalars.count - 1).advanced(by: 1) }
    // The last run starting at or before `offset` (runs are sorted by start).
    var lo = 0
    var hi = locationRuns.count
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if locationRuns[mid].start <= offset { lo = mid } else { hi = mid }
    }
    let run = locationRuns[lo]
    return run.advancing ? run.location.advanced(by: offset - run.start) : run.location
  }

  /// The source location of the UTF-8 byte `offset` of ``text`` (as PCRE2 reports errors).
  package func location(atUTF8 offset: Int) -> SourceLocation {
    var bytes = 0
    for (i, s) in scalars.enumerated() {
      if bytes >= offset { return location(atScalar: i) }
      bytes += UTF8.width(s)
    }
    return location(atScalar: scalars.count)
  }
}

/// Replaces fragment references and checks patterns without compiling them: unknown fragments,
/// fragment cycles, named captures, nested unbounded quantifiers, `\b` next to Latin letters.
package struct PatternExpander {
  private let fragments: [String: FragmentDecl]
  private let variants: [String: [String]]
  private var expanded: [String: ExpandedPattern] = [:]
  private var inProgress: [String] = []
  /// Diagnostics found so far (deduplicated by the caller).
  package private(set) var diagnostics: [Diagnostic] = []

  /// Creates an expander over the pack's fragments.
  package init(fragments: [String: FragmentDecl], variants: [String: [String]] = [:]) {
    self.fragments = fragments
    self.variants = variants
  }

  /// The expansion of fragment `name` (already known to exist).
  package mutating func expandFragment(_ name: String) -> ExpandedPattern? {
    if let done = expanded[name] { return done }
    guard let decl = fragments[name] else { return nil }
    inProgress.append(name)
    let result = expand(decl.pattern)
    inProgress.removeLast()
    expanded[name] = result
    return result
  }

  /// Expands a pattern as written.
  package mutating func expand(_ source: PatternSource) -> ExpandedPattern {
    var out: [Unicode.Scalar] = []
    var runs: [ExpandedPattern.LocationRun] = []
    // The source index that continues the last run when it is a copy, else -1.
    var copyEnd = -1
    let s = source.scalars
    var i = 0
    var inClass = false
    var quoted = false
    /// Adds `count` scalars just appended to `out` at a fixed location.
    func fixed(_ location: SourceLocation, count: Int) {
      guard count > 0 else { return }
      runs.append(.init(start: out.count - count, location: location, advancing: false))
      copyEnd = -1
    }
    func copy(_ n: Int) {
      let end = min(i + n, s.count)
      if i < end {
        if copyEnd != i {
          runs.append(.init(start: out.count, location: source.location.advanced(by: i), advancing: true))
        }
        out.append(contentsOf: s[i..<end])
        copyEnd = end
      }
      i += n
    }
    while i < s.count {
      let c = s[i]
      if quoted {
        if c == "\\", i + 1 < s.count, s[i + 1] == "E" { quoted = false }
        copy(c == "\\" ? 2 : 1)
        continue
      }
      if c == "\\" {
        if i + 1 < s.count, s[i + 1] == "Q" { quoted = true }
        // \p{Han}, \x{4E00}, \N{U+5E74}, \o{101}, \g{1}, \k{name}: the braces are the escape's.
        let braced = i + 2 < s.count && "pPxoNgk".unicodeScalars.contains(s[i + 1]) && s[i + 2] == "{"
        copy(2)
        if braced {
          var end = i
          while end < s.count, s[end] != "}" { end += 1 }
          copy(end + 1 - i)
        }
        continue
      }
      if inClass {
        if c == "]" { inClass = false }
        // Up to the next `]` or escape at once.
        var j = i + 1
        while inClass, j < s.count, s[j] != "]", s[j] != "\\" { j += 1 }
        copy(j - i)
        continue
      }
      if c == "[" {
        inClass = true
        copy(1)
        // A ']' right after '[' or '[^' is a literal member.
        if i < s.count, s[i] == "^" { copy(1) }
        if i < s.count, s[i] == "]" { copy(1) }
        continue
      }
      if c == "{", let (term, end) = Self.variantReference(s, at: i) {
        let refLoc = source.location.advanced(by: i)
        if let spellings = variants[term] {
          let alternation = "(?:" + spellings.map(Self.literal).joined(separator: "|") + ")"
          let before = out.count
          out.append(contentsOf: alternation.unicodeScalars)
          fixed(refLoc, count: out.count - before)
        } else {
          var message = "unknown variants term '{~\(term)}'"
          if let near = closest(term, in: Array(variants.keys)) { message += "; did you mean '{~\(near)}'?" }
          message += " (declare it with 'variants \(term) …')"
          diagnostics.append(Diagnostic(.error, refLoc, message))
        }
        i = end
        continue
      }
      if c == "{", let (name, end) = Self.reference(s, at: i) {
        let refLoc = source.location.advanced(by: i)
        if inProgress.contains(name) {
          let chain = (inProgress.drop(while: { $0 != name }) + [name]).joined(separator: " → ")
          diagnostics.append(Diagnostic(.error, refLoc, "fragment cycle: \(chain)"))
        } else if fragments[name] == nil {
          var message = "unknown fragment '{\(name)}'"
          if let near = closest(name, in: Array(fragments.keys)) { message += "; did you mean '{\(near)}'?" }
          message += " (a literal brace is written \\{)"
          diagnostics.append(Diagnostic(.error, refLoc, message))
        } else if let frag = expandFragment(name) {
          out.append(contentsOf: "(?:".unicodeScalars)
          fixed(refLoc, count: 3)
          let base = out.count
          out.append(contentsOf: frag.scalars)
          for run in frag.locationRuns {
            runs.append(.init(start: base + run.start, location: run.location, advancing: run.advancing))
          }
          out.append(")")
          fixed(refLoc, count: 1)
        }
        i = end
        continue
      }
      // Up to the next escape, class or brace at once.
      var j = i + 1
      while j < s.count, s[j] != "\\", s[j] != "[", s[j] != "{" { j += 1 }
      copy(j - i)
    }
    var result = ExpandedPattern(
      scalars: out, locationRuns: runs, flags: source.flags, location: source.location)
    analyse(&result)
    return result
  }

  /// `{~TERM}` at `i`: the term and the index after `}`.
  private static func variantReference(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
    guard i + 2 < s.count, s[i + 1] == "~" else { return nil }
    var j = i + 2
    while j < s.count, s[j] != "}", s[j] != "{", s[j] != " " { j += 1 }
    guard j < s.count, s[j] == "}", j > i + 2 else { return nil }
    return (scalarString(s[(i + 2)..<j]), j + 1)
  }

  /// A spelling as a PCRE2 literal: metacharacters escaped, Latin letters lower-cased (the
  /// normaliser lower-cases the text).
  private static func literal(_ word: String) -> String {
    var out = ""
    for c in word.lowercased().unicodeScalars {
      if "\\^$.|?*+()[]{}/#-".unicodeScalars.contains(c) { out.unicodeScalars.append("\\") }
      out.unicodeScalars.append(c)
    }
    return out
  }

  /// `{NAME}` at `i`: the name and the index after `}`; nil for quantifiers and other braces.
  private static func reference(_ s: [Unicode.Scalar], at i: Int) -> (String, Int)? {
    var j = i + 1
    guard j < s.count, ConditionParser.isIdentStart(s[j]) else { return nil }
    while j < s.count, ConditionParser.isIdentStart(s[j]) || ConditionParser.isDigit(s[j]) { j += 1 }
    guard j < s.count, s[j] == "}" else { return nil }
    return (scalarString(s[(i + 1)..<j]), j + 1)
  }

  private struct Frame {
    var start: Int
    var atomic: Bool
    var hasUnbounded = false
  }

  /// Finds named captures and warns about catastrophic backtracking and `\b` beside Latin text.
  private mutating func analyse(_ p: inout ExpandedPattern) {
    let s = p.scalars
    var stack = [Frame(start: 0, atomic: false)]
    var i = 0
    var lastAtomStart: Int?
    var lastGroup: Frame?
    var warnedBoundary = false
    func isLatin(_ c: Unicode.Scalar) -> Bool {
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
    }
    while i < s.count {
      let c = s[i]
      switch c {
      case "\\":
        guard i + 1 < s.count else {
          i += 1
          continue
        }
        let e = s[i + 1]
        if e == "Q" {
          var j = i + 2
          while j + 1 < s.count, !(s[j] == "\\" && s[j + 1] == "E") { j += 1 }
          i = min(j + 2, s.count)
          lastAtomStart = nil
          lastGroup = nil
          continue
        }
        if e == "b", !warnedBoundary {
          var before = i - 1
          while before >= 0, s[before] == ")" { before -= 1 }
          var after = i + 2
          while after < s.count, s[after] == "(" {
            after += 1
            if after + 1 < s.count, s[after] == "?", s[after + 1] == ":" { after += 2 }
          }
          if (before >= 0 && isLatin(s[before])) || (after < s.count && isLatin(s[after])) {
            warnedBoundary = true
            diagnostics.append(
              Diagnostic(
                .warning, p.location(atScalar: i),
                "\\b next to Latin letters does not match between Han characters and Latin letters under UCP (\\bNFT\\b misses 听说NFT最近); use (?<![a-z]) and (?![a-z]) instead"
              ))
          }
        }
        lastAtomStart = i
        lastGroup = nil
        i += 2
        // \p{..}, \x{..}, \N{..}, \g{..}, \k{..}, \o{..}: swallow the braces.
        if "pPxNgko".unicodeScalars.contains(e), i < s.count, s[i] == "{" {
          while i < s.count, s[i] != "}" { i += 1 }
          i += 1
        } else if e == "k" || e == "g", i < s.count, s[i] == "<" || s[i] == "'" {
          while i < s.count, s[i] != ">" && s[i] != "'" { i += 1 }
          i += 1
        }
      case "[":
        var j = i + 1
        if j < s.count, s[j] == "^" { j += 1 }
        if j < s.count, s[j] == "]" { j += 1 }
        while j < s.count, s[j] != "]" {
          if s[j] == "\\" {
            j += 2
          } else if s[j] == "[", j + 1 < s.count, s[j + 1] == ":" {
            j += 2
            while j + 1 < s.count, !(s[j] == ":" && s[j + 1] == "]") { j += 1 }
            j += 2
          } else {
            j += 1
          }
        }
        lastAtomStart = i
        lastGroup = nil
        i = j + 1
      case "(":
        var atomic = false
        var j = i + 1
        if j < s.count, s[j] == "*" {
          // (*VERB): not a group.
          while j < s.count, s[j] != ")" { j += 1 }
          i = j + 1
          continue
        }
        if j < s.count, s[j] == "?" {
          j += 1
          let k = j < s.count ? s[j] : " "
          if k == "#" {
            while j < s.count, s[j] != ")" { j += 1 }
            i = j + 1
            continue
          }
          if k == ">" || k == "=" || k == "!" { atomic = true }
          if k == "<", j + 1 < s.count, s[j + 1] == "=" || s[j + 1] == "!" { atomic = true }
          var nameStart: Int?
          if k == "<", j + 1 < s.count, s[j + 1] != "=", s[j + 1] != "!" { nameStart = j + 1 }
          if k == "'" { nameStart = j + 1 }
          if k == "P", j + 1 < s.count, s[j + 1] == "<" { nameStart = j + 2 }
          if let n = nameStart {
            var e = n
            while e < s.count, s[e] != ">", s[e] != "'" { e += 1 }
            p.captureNames.append(scalarString(s[n..<e]))
          }
          // (?i) and similar option settings close at once and are not groups.
          if ConditionParser.isIdentStart(k) || k == "-" || k == "^" {
            var e = j
            while e < s.count, s[e] != ")", s[e] != ":" { e += 1 }
            if e < s.count, s[e] == ")", k != "P" {
              i = e + 1
              continue
            }
          }
        }
        stack.append(Frame(start: i, atomic: atomic))
        lastAtomStart = nil
        lastGroup = nil
        i += 1
      case ")":
        if stack.count > 1 {
          lastGroup = stack.removeLast()
        }
        lastAtomStart = nil
        i += 1
      case "*", "+", "?", "{":
        var unbounded = c == "*" || c == "+"
        var j = i + 1
        if c == "{" {
          // {n}, {n,}, {n,m}; anything else is a literal brace.
          var k = i + 1
          while k < s.count, ConditionParser.isDigit(s[k]) { k += 1 }
          guard k > i + 1, k < s.count else {
            lastAtomStart = i
            lastGroup = nil
            i += 1
            continue
          }
          if s[k] == "}" {
            j = k + 1
          } else if s[k] == "," {
            var m = k + 1
            while m < s.count, ConditionParser.isDigit(s[m]) { m += 1 }
            guard m < s.count, s[m] == "}" else {
              lastAtomStart = i
              lastGroup = nil
              i += 1
              continue
            }
            unbounded = m == k + 1
            j = m + 1
          } else {
            lastAtomStart = i
            lastGroup = nil
            i += 1
            continue
          }
        }
        let possessive = j < s.count && s[j] == "+"
        if j < s.count, s[j] == "+" || s[j] == "?" { j += 1 }
        if let g = lastGroup {
          if unbounded, !possessive, g.hasUnbounded, !g.atomic {
            diagnostics.append(
              Diagnostic(
                .warning, p.location(atScalar: g.start),
                "nested unbounded quantifiers: this group repeats a part that itself repeats without bound and can backtrack catastrophically (like (a+)+$); make a quantifier possessive (*+, ++) or the group atomic (?>…)"
              ))
          }
          if g.hasUnbounded || (unbounded && !possessive) {
            stack[stack.count - 1].hasUnbounded = true
          }
        } else if lastAtomStart != nil, unbounded, !possessive {
          stack[stack.count - 1].hasUnbounded = true
        }
        lastAtomStart = nil
        lastGroup = nil
        i = j
      default:
        if let g = lastGroup, g.hasUnbounded {
          stack[stack.count - 1].hasUnbounded = true
        }
        lastAtomStart = c == "|" ? nil : i
        lastGroup = nil
        i += 1
      }
      // A group not followed by a quantifier passes its own unbounded parts to its parent.
      if c == ")", let g = lastGroup, g.hasUnbounded, !(i < s.count && "*+?{".unicodeScalars.contains(s[i])) {
        stack[stack.count - 1].hasUnbounded = true
      }
    }
  }
}

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
package func closest(_ name: String, in candidates: [String]) -> String? {
  func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var prev = row[0]
      row[0] = i
      for j in 1...max(b.count, 1) where !b.isEmpty {
        let cur = row[j]
        row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
        prev = cur
      }
    }
    return row[b.count]
  }
  let a = Array(name.unicodeScalars)
  var best: (String, Int)?
  for c in candidates.sorted() {
    let d = distance(a, Array(c.unicodeScalars))
    if d <= max(1, a.count / 3), best == nil || d < best?.1 ?? .max { best = (c, d) }
  }
  return best?.0
}
