import Synchronization

/// Works out, from a pattern's PCRE2 source, a set of literals at least one of which occurs in
/// every match — what a prefilter can look for before running the pattern. Conservative: when
/// in doubt (back-references, extended mode, classes of many characters, repetition of unknown
/// parts) it says "no requirement", and the pattern always runs.
///
/// Literals are lower-cased (the normaliser folds Latin case, so the text they are looked for
/// in is lower-case too); a pattern that requires upper-case Latin cannot match such text
/// anyway, so the prefilter stays a superset of the regex.
package enum RequiredLiterals {
  /// A literal as UTF-8 bytes (hashing bytes is much cheaper than hashing Strings).
  typealias Bytes = [UInt8]

  /// Literals shorter than this many UTF-8 bytes are too common to be worth filtering on.
  package static let minimumBytes = 2
  /// The most strings an exact set may hold before it is given up.
  static let maxExact = 64

  /// The literals one of which every match of `pattern` contains, or nil when there is no
  /// usable requirement.
  package static func of(_ pattern: String, extended: Bool = false) -> [String]? {
    analyse(pattern, extended: extended).literals
  }

  /// The shortest literal (in UTF-8 bytes) of any group of a conjunction but the strongest.
  static let minimumExtraBytes = 6
  /// The most groups ``analyse(_:extended:)`` returns in a conjunction.
  package static let maxGroups = 8

  /// ``of(_:extended:)`` (`literals`), and every requirement of the pattern (`conjunction`):
  /// groups of literals such that every match contains at least one literal of *each* group —
  /// a prefilter may skip the pattern unless all groups are present. At most ``maxGroups``
  /// groups, the strongest first; nil when there is none.
  package static func analyse(_ pattern: String, extended: Bool = false) -> Analysis {
    if extended { return (nil, nil, nil) }
    let key = ByteString(Array(pattern.utf8))
    if let known = known.withLock({ $0[key] }) { return known }
    return computed(pattern)
  }

  /// What ``analyse(_:extended:)`` returns: the literals, the conjunction, and the prefixes:
  /// strings one of which every match starts with (lower-cased, at least one byte each), nil
  /// when the pattern has no such set or cannot be searched from where they occur (see
  /// ``prefixes(_:)``).
  package typealias Analysis = (literals: [String]?, conjunction: [[String]]?, prefixes: [String]?)

  /// The most prefixes a pattern may have: beyond, finding them costs the prefilter more than
  /// starting the pattern at every character.
  static let maxPrefixes = 64
  /// Prefixes are cut to this many bytes (at a character boundary, keeping at least one
  /// character): the prefilter looks for no more of any literal (its key length).
  package static let prefixBytes = 12

  /// Analyses worked out ahead of time (the bundled pack's, at build time), by the UTF-8 bytes
  /// of the pattern (hashing a `String` normalises it first, which cost more than the rest of
  /// looking an analysis up).
  private static let known = Mutex<[ByteString: Analysis]>([:])

  /// Adds analyses worked out ahead of time (by ``computed(_:)``, see ``encode(_:)``): later
  /// calls of ``analyse(_:extended:)`` on those patterns return them instead of parsing.
  package static func register(_ table: [ByteString: Analysis]) {
    known.withLock { $0.merge(table) { old, _ in old } }
  }

  /// ``analyse(_:extended:)`` of a pattern without extended syntax, worked out now.
  package static func computed(_ pattern: String) -> Analysis {
    var parser = Parser(Array(pattern.unicodeScalars))
    let info = parser.parseAlternation()
    guard parser.ok, parser.i == parser.s.count else { return (nil, nil, nil) }
    func usable(_ req: [Bytes]) -> [String]? {
      guard !req.isEmpty else { return nil }
      // The strings of a requirement are distinct; only lower-casing can make two equal.
      var lowered = req.map(lowercased)
      if lowered != req { lowered = Set(lowered.map(ByteString.init)).map { $0.bytes } }
      let literals = lowered.sorted { $0.lexicographicallyPrecedes($1) }
      guard literals.allSatisfy({ $0.count >= minimumBytes }) else { return nil }
      return literals.map { String(decoding: $0, as: UTF8.self) }
    }
    let literals = info.requirement.flatMap(usable)
    // Groups are chosen on their bytes (strings are made only of the few kept: sorting
    // hundreds of strings per pattern dominated loading a pack).
    func key(_ g: [Bytes]) -> (Int, Int) { (shortest(g), -g.count) }
    var candidates: [[Bytes]] = []
    for g in ([info.requirement].compactMap { $0 } + info.all) {
      guard !g.isEmpty, g.allSatisfy({ $0.count >= minimumBytes }) else { continue }
      candidates.append(g)
    }
    // Stable: equally strong groups keep the order in which the pattern gives them.
    candidates = candidates.enumerated().map { (key: key($0.element), offset: $0.offset, group: $0.element) }
      .sorted { a, b in a.key != b.key ? a.key > b.key : a.offset < b.offset }.map(\.group)
    // A group implied by a stronger one (共享充电宝 implies 充电宝) adds nothing.
    var groups: [[String]] = []
    var kept: [[Bytes]] = []
    // Repeats of a group are skipped: they would be anyway (a group implies itself, and the
    // other tests give the same answer again), but only groups that get this far are hashed.
    var seen = Set<Set<ByteString>>()
    for g in candidates {
      // Besides the strongest group, only groups of long literals: a single Han character
      // occurs in most messages and would cost the prefilter more than it saves.
      if !kept.isEmpty, g.contains(where: { $0.count < minimumExtraBytes }) { continue }
      guard seen.insert(Set(g.map(ByteString.init))).inserted, !kept.contains(where: { implies($0, g) }) else {
        continue
      }
      guard let u = usable(g) else { continue }
      kept.append(g)
      groups.append(u)
      if groups.count == maxGroups { break }
    }
    return (literals, groups.isEmpty ? nil : groups, parser.positionSafe ? prefixes(info) : nil)
  }

  /// The prefixes of a whole pattern (``Analysis``): its lead, when every match is non-empty and
  /// starts with one of a few known strings.
  static func prefixes(_ info: Info) -> [String]? {
    guard !info.nullable, let lead = info.lead, !lead.isEmpty else { return nil }
    var cut = Set<ByteString>()
    for s in lead {
      let lowered = lowercased(s)
      guard !lowered.isEmpty else { return nil }
      cut.insert(ByteString(head(of: lowered, bytes: prefixBytes)))
    }
    guard let few = shrunk(cut.map(\.bytes)) else { return nil }
    // A string that starts with another of the set adds no place to look (一部 after 一).
    let sorted = few.sorted { $0.lexicographicallyPrecedes($1) }
    var kept: [Bytes] = []
    for s in sorted where !(kept.last.map { s.starts(with: $0) } ?? false) { kept.append(s) }
    return kept.map { String(decoding: $0, as: UTF8.self) }
  }

  /// `strings` when there are at most ``maxPrefixes`` of them; else the distinct first two
  /// characters of each, or the first one, if that is few enough (every string still starts with
  /// one of them); else nil.
  static func shrunk(_ strings: [Bytes]) -> [Bytes]? {
    if strings.count <= maxPrefixes { return strings }
    for characters in [2, 1] {
      var cut = Set<ByteString>()
      for s in strings {
        cut.insert(ByteString(head(of: s, characters: characters)))
        if cut.count > maxPrefixes { break }
      }
      if cut.count <= maxPrefixes { return cut.map(\.bytes) }
    }
    return nil
  }

  /// The first characters of UTF-8 `s`: at most `characters` of them and at most `bytes` bytes,
  /// but at least one character.
  static func head(of s: Bytes, characters: Int = .max, bytes: Int = .max) -> Bytes {
    var end = 0
    var taken = 0
    while end < s.count, taken < characters {
      let b = s[end]
      let next = min(s.count, end + (b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4))
      if next > bytes, taken > 0 { break }
      end = next
      taken += 1
    }
    return Array(s[..<end])
  }

  /// `String.lowercased()` of UTF-8 bytes, without making a string for the common literals:
  /// ASCII and U+3000…U+9FFF (CJK, kana: no case) are lowered here, anything else by `String`.
  static func lowercased(_ bytes: Bytes) -> Bytes {
    var out = bytes
    var i = 0
    while i < out.count {
      let b = out[i]
      if b < 0x80 {
        if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { out[i] = b | 0x20 }
        i += 1
      } else if b >= 0xE3 && b <= 0xE9 {
        i += 3
      } else {
        return Array(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
      }
    }
    return out
  }

  /// Whether every string of `a` contains a string of `b` (so `a` present implies `b` present).
  static func implies(_ a: [Bytes], _ b: [Bytes]) -> Bool {
    a.allSatisfy { x in
      b.contains { y in
        guard y.count <= x.count else { return false }
        return (0...(x.count - y.count)).contains { x[$0..<($0 + y.count)].elementsEqual(y) }
      }
    }
  }

  /// What is known about a piece of pattern.
  struct Info {
    /// Every string the piece can match (including "" when it can match empty), or nil when
    /// there are too many or they are unknown.
    var exact: [Bytes]?
    /// Strings one of which occurs in every match, or nil.
    var any: [Bytes]?
    /// Requirements that hold together: every match contains one string of each group.
    var all: [[Bytes]] = []
    /// Strings one of which every non-empty match starts with (none for a piece that only
    /// matches empty), or nil when unknown.
    var lead: [Bytes]? = nil
    /// Whether the piece may match the empty string (true when unknown).
    var nullable = true

    /// A piece that matches only the empty string (an anchor, a lookaround, an option setting).
    static let empty = Info(exact: [[]], any: nil, lead: [], nullable: true)
    static let unknown = Info(exact: nil, any: nil)
    static func literal(_ s: String) -> Info {
      s.isEmpty ? .empty : Info(exact: [Array(s.utf8)], any: [Array(s.utf8)], lead: [Array(s.utf8)], nullable: false)
    }
    static func literal(_ c: Unicode.Scalar) -> Info {
      var bytes: Bytes = []
      bytes.reserveCapacity(4)
      UTF8.encode(c) { bytes.append($0) }
      return Info(exact: [bytes], any: [bytes], lead: [bytes], nullable: false)
    }

    /// Sets ``lead`` and ``nullable`` from the exact strings, when they are known.
    mutating func leadFromExact() {
      guard let exact else { return }
      lead = exact.filter { !$0.isEmpty }
      nullable = exact.contains([])
    }

    /// The strongest requirement this piece gives on its own.
    var requirement: [Bytes]? {
      if let e = exact, !e.contains([]) { return better(e, any) }
      return any
    }
  }

  /// The better of two requirements: the one whose shortest literal is longest, then the smaller.
  static func better(_ a: [Bytes]?, _ b: [Bytes]?) -> [Bytes]? {
    guard let a else { return b }
    guard let b else { return a }
    func key(_ x: [Bytes]) -> (Int, Int) { (shortest(x), -x.count) }
    return key(b) > key(a) ? b : a
  }

  /// The length of the shortest string of `x` (0 when empty). A plain loop: `lazy.map(\.count)`
  /// went through key-path projection, a noticeable part of loading a pack.
  static func shortest(_ x: [Bytes]) -> Int {
    guard var m = x.first?.count else { return 0 }
    for b in x where b.count < m { m = b.count }
    return m
  }

  static func cross(_ a: [Bytes], _ b: [Bytes]) -> [Bytes]? {
    guard a.count * b.count <= maxExact else { return nil }
    // Distinct strings with one common prefix or suffix stay distinct: no set needed (the
    // common case, a literal growing one character at a time, must not hash anything).
    if b.count == 1 { return a.map { $0 + b[0] } }
    if a.count == 1 { return b.map { a[0] + $0 } }
    var out = Set<ByteString>()
    for x in a { for y in b { out.insert(ByteString(x + y)) } }
    return out.map { $0.bytes }
  }

  struct Parser {
    /// Characters that are not a plain literal character where an atom starts.
    static let special = Set("\\()[]{}|.^$*+?".unicodeScalars)
    /// Characters that start a quantifier (or, for `{`, may).
    static let quantifierStart = Set("*+?{".unicodeScalars)

    static func digit(_ c: Unicode.Scalar) -> Int? {
      c >= "0" && c <= "9" ? Int(c.value - 48) : nil
    }

    let s: [Unicode.Scalar]
    var i = 0
    var ok = true
    /// False when the pattern has something (\G, \K, a backtracking verb) that makes a search
    /// started at each place a prefix occurs differ from one unanchored search.
    var positionSafe = true

    init(_ s: [Unicode.Scalar]) { self.s = s }

    mutating func parseAlternation() -> Info {
      var branches: [Info] = [parseConcatenation()]
      while i < s.count, s[i] == "|" {
        i += 1
        branches.append(parseConcatenation())
      }
      if branches.count == 1 { return branches[0] }
      // Every non-empty match starts with the lead of the branch it matched.
      var lead: Set<ByteString>? = []
      var nullable = false
      for b in branches {
        nullable = nullable || b.nullable
        if let l = b.lead, lead != nil {
          lead?.formUnion(l.lazy.map(ByteString.init))
          if lead?.count ?? 0 > RequiredLiterals.maxPrefixes {
            lead = RequiredLiterals.shrunk(lead?.map(\.bytes) ?? []).map { Set($0.map(ByteString.init)) }
          }
        } else {
          lead = nil
        }
      }
      var exact: Set<ByteString>? = []
      var any: Set<ByteString>? = []
      for b in branches {
        if let e = b.exact, exact != nil {
          exact?.formUnion(e.lazy.map(ByteString.init))
          if exact?.count ?? 0 > RequiredLiterals.maxExact { exact = nil }
        } else {
          exact = nil
        }
        if let r = b.requirement, any != nil {
          any?.formUnion(r.lazy.map(ByteString.init))
        } else {
          any = nil
        }
        if exact == nil, any == nil { break }
      }
      var info = Info(
        exact: exact.map { $0.map { $0.bytes } }, any: any.map { $0.map { $0.bytes } },
        lead: lead.map { $0.map { $0.bytes } }, nullable: nullable)
      if let r = info.requirement { info.all = [r] }
      return info
    }

    mutating func parseConcatenation() -> Info {
      var cur: [Bytes]? = [[]]
      var candidates: [[Bytes]] = []
      var nested: [[Bytes]] = []
      var allExact = true
      // The lead: the union of the leads of the pieces up to the first that cannot match empty
      // (`headNullable` until then); better, while every piece so far has exact strings and
      // they include no empty one, those strings (longer than the first piece's).
      var lead: [Bytes]? = []
      var headNullable = true
      var exactLead: [Bytes]?
      func extendLead(_ l: [Bytes]?, nullable: Bool) {
        guard headNullable else { return }
        if let l, let x = lead {
          lead = x + l
          if lead?.count ?? 0 > RequiredLiterals.maxPrefixes { lead = lead.flatMap(RequiredLiterals.shrunk) }
        } else {
          lead = nil
        }
        headNullable = nullable
      }
      func flush() {
        if let c = cur, !c.contains([]) { candidates.append(c) }
      }
      while i < s.count, s[i] != "|", s[i] != ")" {
        // A plain character without a quantifier (most of a pattern): extend the exact strings
        // in place, as `.literal(c)` followed by `cross` would, without building an Info.
        if !Self.special.contains(s[i]), i + 1 >= s.count || !Self.quantifierStart.contains(s[i + 1]),
          var strings = cur
        {
          cur = nil
          let c = s[i]
          if headNullable {
            var bytes: Bytes = []
            UTF8.encode(c) { bytes.append($0) }
            extendLead([bytes], nullable: false)
          }
          for k in strings.indices { UTF8.encode(c) { strings[k].append($0) } }
          cur = strings
          if allExact { exactLead = strings }
          i += 1
          continue
        }
        var atom = parseAtom()
        atom = parseQuantifier(atom)
        extendLead(atom.lead, nullable: atom.nullable)
        nested.append(contentsOf: atom.all)
        if let e = atom.exact {
          if let c = cur, let x = RequiredLiterals.cross(c, e) {
            cur = x
          } else {
            flush()
            cur = e
            allExact = false
          }
        } else {
          flush()
          if let a = atom.any { candidates.append(a) }
          cur = [[]]
          allExact = false
        }
        if allExact, let c = cur, !c.contains([]) { exactLead = c }
      }
      flush()
      var best: [Bytes]?
      for c in candidates { best = RequiredLiterals.better(best, c) }
      var info = Info(exact: allExact ? cur : nil, any: best, lead: exactLead ?? lead, nullable: headNullable)
      info.all = candidates + nested
      return info
    }

    mutating func parseQuantifier(_ atom: Info) -> Info {
      guard i < s.count else { return atom }
      var minimum = 0
      var maximum: Int? = nil
      switch s[i] {
      case "*": i += 1
      case "+":
        minimum = 1
        i += 1
      case "?":
        maximum = 1
        i += 1
      case "{":
        var j = i + 1
        var a = 0
        var digits = 0
        // Capped: PCRE2 rejects counts over 65535, but this runs before PCRE2 sees the pattern,
        // and x{99999999999999999999} must not overflow.
        while j < s.count, let d = Self.digit(s[j]) {
          a = min(a * 10 + d, 1_000_000)
          j += 1
          digits += 1
        }
        guard digits > 0, j < s.count else { return atom }
        if s[j] == "}" {
          minimum = a
          maximum = a
          i = j + 1
        } else if s[j] == "," {
          j += 1
          var b = 0
          var bd = 0
          while j < s.count, let d = Self.digit(s[j]) {
            b = min(b * 10 + d, 1_000_000)
            j += 1
            bd += 1
          }
          guard j < s.count, s[j] == "}" else { return atom }
          minimum = a
          maximum = bd > 0 ? b : nil
          i = j + 1
        } else {
          return atom
        }
      default:
        return atom
      }
      if i < s.count, s[i] == "?" || s[i] == "+" { i += 1 }
      if minimum == 0 {
        // A non-empty match of the repetition starts with a non-empty match of the atom.
        if maximum == 1, let e = atom.exact {
          return Info(exact: Array(Set(e + [[]])), any: nil, lead: atom.lead, nullable: true)
        }
        return Info(exact: nil, any: nil, lead: atom.lead, nullable: true)
      }
      // The atom occurs at least once: its requirements hold.
      var result = Info(exact: nil, any: atom.requirement, lead: atom.lead, nullable: atom.nullable)
      result.all = atom.all
      if maximum == minimum, minimum <= 3, var e = atom.exact {
        for _ in 1..<minimum {
          guard let x = RequiredLiterals.cross(e, atom.exact ?? []) else { return result }
          e = x
        }
        result.exact = e
        result.any = atom.any
        result.leadFromExact()
      }
      return result
    }

    mutating func parseAtom() -> Info {
      let c = s[i]
      switch c {
      case "(":
        return parseGroup()
      case "[":
        return parseClass()
      case ".":
        i += 1
        return .unknown
      case "^", "$":
        i += 1
        return .empty
      case "\\":
        return parseEscape()
      default:
        i += 1
        return .literal(c)
      }
    }

    mutating func parseGroup() -> Info {
      i += 1  // (
      var lookaround = false
      if i < s.count, s[i] == "*" {
        // (*VERB) or (*UCP): skip. A backtracking verb ((*COMMIT), (*SKIP)…) changes where an
        // unanchored search goes on after a failure: searching from the prefixes only would
        // not be the same search.
        positionSafe = false
        while i < s.count, s[i] != ")" { i += 1 }
        i += 1
        return .empty
      }
      if i < s.count, s[i] == "?" {
        i += 1
        guard i < s.count else {
          ok = false
          return .unknown
        }
        switch s[i] {
        case ":", ">", "|":
          i += 1
        case "=", "!":
          lookaround = true
          i += 1
        case "#":
          while i < s.count, s[i] != ")" { i += 1 }
          i += 1
          return .empty
        case "<":
          if i + 1 < s.count, s[i + 1] == "=" || s[i + 1] == "!" {
            lookaround = true
            i += 2
          } else {
            while i < s.count, s[i] != ">" { i += 1 }
            i += 1
          }
        case "P":
          if i + 1 < s.count, s[i + 1] == "<" {
            while i < s.count, s[i] != ">" { i += 1 }
            i += 1
          } else {
            ok = false  // (?P=name), (?P>name): references
            return .unknown
          }
        case "'":
          i += 1
          while i < s.count, s[i] != "'" { i += 1 }
          i += 1
        default:
          // Option settings: (?i) or (?i:...)
          while i < s.count, s[i] != ")", s[i] != ":" {
            let ch = s[i]
            guard (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") || ch == "-" || ch == "^" else {
              ok = false  // recursion, conditionals, callouts: give up
              return .unknown
            }
            i += 1
          }
          guard i < s.count else {
            ok = false
            return .unknown
          }
          if s[i] == ")" {
            i += 1
            return .empty
          }
          i += 1  // ':'
        }
      }
      let inner = parseAlternation()
      guard i < s.count, s[i] == ")" else {
        ok = false
        return .unknown
      }
      i += 1
      return lookaround ? .empty : inner
    }

    mutating func parseClass() -> Info {
      i += 1
      var negated = false
      if i < s.count, s[i] == "^" {
        negated = true
        i += 1
      }
      var members: [Unicode.Scalar] = []
      var simple = !negated
      var first = true
      while i < s.count, s[i] != "]" || first {
        first = false
        if s[i] == "[", i + 1 < s.count, s[i + 1] == ":" {
          simple = false
          while i + 1 < s.count, !(s[i] == ":" && s[i + 1] == "]") { i += 1 }
          i += 2
          continue
        }
        if s[i] == "\\" {
          guard i + 1 < s.count else {
            ok = false
            return .unknown
          }
          let e = s[i + 1]
          if "\\-]^[.$|()?*+{}/%".unicodeScalars.contains(e) {
            members.append(e)
          } else {
            simple = false
          }
          i += 2
          if e == "p" || e == "P" || e == "x", i < s.count, s[i] == "{" {
            while i < s.count, s[i] != "}" { i += 1 }
            i += 1
          }
          continue
        }
        if i + 2 < s.count, s[i + 1] == "-", s[i + 2] != "]" {
          // A range: fine if it is short.
          let lo = s[i].value
          let hi = s[i + 2].value
          if hi >= lo, hi - lo < 8 {
            for v in lo...hi { if let u = Unicode.Scalar(v) { members.append(u) } }
          } else {
            simple = false
          }
          i += 3
          continue
        }
        members.append(s[i])
        i += 1
      }
      guard i < s.count else {
        ok = false
        return .unknown
      }
      i += 1  // ]
      guard simple, !members.isEmpty, members.count <= 8 else { return .unknown }
      let strings = Array(Set(members.map { Array(String($0).utf8) }))
      return Info(exact: strings, any: strings, lead: strings, nullable: false)
    }

    mutating func parseEscape() -> Info {
      guard i + 1 < s.count else {
        ok = false
        return .unknown
      }
      let e = s[i + 1]
      i += 2
      switch e {
      case "Q":
        var lit = ""
        while i < s.count, !(s[i] == "\\" && i + 1 < s.count && s[i + 1] == "E") {
          lit.unicodeScalars.append(s[i])
          i += 1
        }
        if i < s.count { i += 2 }
        return lit.isEmpty ? .empty : .literal(lit)
      case "G", "K":
        // \G asserts the search's start offset, which a search from each prefix moves; \K can
        // make a match that consumed text report an empty one, which an ordinary search retries
        // where it is and a search from the prefixes does not.
        positionSafe = false
        return .empty
      case "E", "b", "B", "A", "z", "Z":
        return .empty
      case "d", "D", "w", "W", "s", "S", "h", "H", "v", "V", "R", "X", "C":
        return .unknown
      case "N", "o":
        // \N{U+hhhh} names a character, \o{ddd} is octal; \N alone is any non-newline.
        if i < s.count, s[i] == "{" {
          while i < s.count, s[i] != "}" { i += 1 }
          i += 1
        }
        return .unknown
      case "c":
        // \cX: a control character; X belongs to the escape.
        if i < s.count { i += 1 }
        return .unknown
      case "p", "P":
        if i < s.count, s[i] == "{" {
          while i < s.count, s[i] != "}" { i += 1 }
          i += 1
        } else {
          i += 1
        }
        return .unknown
      case "x":
        if i < s.count, s[i] == "{" {
          var j = i + 1
          var hex = ""
          while j < s.count, s[j] != "}" {
            hex.unicodeScalars.append(s[j])
            j += 1
          }
          i = j + 1
          if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) { return .literal(String(u)) }
          return .unknown
        }
        var hex = ""
        while hex.count < 2, i < s.count, s[i].properties.isASCIIHexDigit {
          hex.unicodeScalars.append(s[i])
          i += 1
        }
        if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) { return .literal(String(u)) }
        return .unknown
      case "t": return .literal("\t")
      case "n": return .literal("\n")
      case "r": return .literal("\r")
      case "f": return .literal("\u{0C}")
      case "e": return .literal("\u{1B}")
      case "a": return .literal("\u{07}")
      case "k", "g":
        // Back-references: \k<name>, \k{name}, \g1, \g-1, \g+1, \g{-1}.
        if i < s.count, s[i] == "<" || s[i] == "{" || s[i] == "'" {
          while i < s.count, s[i] != ">" && s[i] != "}" && s[i] != "'" { i += 1 }
          i += 1
        } else {
          if i < s.count, s[i] == "-" || s[i] == "+" { i += 1 }
          while i < s.count, Self.digit(s[i]) != nil { i += 1 }
        }
        return .unknown
      default:
        if Self.digit(e) != nil {
          // \1 …: a back-reference, or an octal character (\012, \101): every digit belongs to
          // the escape (at worst a literal digit after a 3-digit octal is not used).
          while i < s.count, Self.digit(s[i]) != nil { i += 1 }
          return .unknown
        }
        if (e >= "a" && e <= "z") || (e >= "A" && e <= "Z") {
          return .unknown  // an escape this parser does not know
        }
        return .literal(String(e))
      }
    }
  }
}

extension RequiredLiterals {
  // Separators of the table format: control characters no pattern or literal of a rule file
  // has (entries that do are left out, and worked out at run time instead).
  private static let record: Unicode.Scalar = "\u{1E}"
  private static let field: Unicode.Scalar = "\u{1F}"
  private static let group: Unicode.Scalar = "\u{1C}"
  private static let item: Unicode.Scalar = "\u{1D}"
  private static let none: Unicode.Scalar = "\u{15}"

  /// The analyses of `patterns` (``computed(_:)``) as one string for ``decode(_:)``: how the
  /// build embeds the bundled pack's, so that loading it does not parse every pattern again.
  package static func encode(_ patterns: [String]) -> String {
    let reserved: Set<Unicode.Scalar> = [record, field, group, item, none]
    func clean(_ s: String) -> Bool { !s.isEmpty && !s.unicodeScalars.contains(where: reserved.contains) }
    func list(_ l: [String]) -> String { l.joined(separator: String(item)) }
    var out = ""
    var seen = Set<String>()
    for pattern in patterns where seen.insert(pattern).inserted && clean(pattern) {
      let (literals, conjunction, prefixes) = computed(pattern)
      guard (literals ?? []).allSatisfy(clean), (conjunction ?? []).allSatisfy({ !$0.isEmpty && $0.allSatisfy(clean) }),
        (prefixes ?? []).allSatisfy(clean)
      else { continue }
      if !out.isEmpty { out.unicodeScalars.append(record) }
      out += pattern
      out.unicodeScalars.append(field)
      out += literals.map(list) ?? String(none)
      out.unicodeScalars.append(field)
      out += conjunction.map { $0.map(list).joined(separator: String(group)) } ?? String(none)
      out.unicodeScalars.append(field)
      out += prefixes.map(list) ?? String(none)
    }
    return out
  }

  /// The analyses ``encode(_:)`` wrote, by the UTF-8 bytes of the pattern; entries that are not
  /// well formed are skipped (their patterns are analysed at run time). Works on the UTF-8 bytes
  /// (the separators are single ASCII bytes): splitting by Unicode scalars cost more than the
  /// analysis it saves.
  package static func decode(_ text: String) -> [ByteString: Analysis] {
    var text = text
    return text.withUTF8 { bytes in
      let (recordByte, fieldByte, groupByte, itemByte, noneByte) = (
        UInt8(record.value), UInt8(field.value), UInt8(group.value), UInt8(item.value), UInt8(none.value)
      )
      func split(_ range: Range<Int>, on separator: UInt8, keepEmpty: Bool) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        for i in range where bytes[i] == separator {
          if keepEmpty || i > start { parts.append(start..<i) }
          start = i + 1
        }
        if keepEmpty || range.upperBound > start { parts.append(start..<range.upperBound) }
        return parts
      }
      func string(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
      func isNone(_ r: Range<Int>) -> Bool { r.count == 1 && bytes[r.lowerBound] == noneByte }
      func list(_ r: Range<Int>) -> [String] { split(r, on: itemByte, keepEmpty: false).map(string) }
      var table: [ByteString: Analysis] = [:]
      for entry in split(0..<bytes.count, on: recordByte, keepEmpty: false) {
        let fields = split(entry, on: fieldByte, keepEmpty: true)
        guard fields.count == 4 else { continue }
        let literals = isNone(fields[1]) ? nil : list(fields[1])
        let conjunction = isNone(fields[2]) ? nil : split(fields[2], on: groupByte, keepEmpty: false).map(list)
        let prefixes = isNone(fields[3]) ? nil : list(fields[3])
        table[ByteString(Array(bytes[fields[0]]))] = (literals, conjunction, prefixes)
      }
      return table
    }
  }
}
