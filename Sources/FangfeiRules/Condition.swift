/// A `when` condition as written: comparisons on named captures, rule and category names, counts,
/// combined with `and`, `or`, `not` and parentheses.
package indirect enum Condition: Sendable, Hashable {
  /// A rule or category name: true when it fired on the message.
  case name(Located<String>)
  /// `operand op number`.
  case compare(Operand, ComparisonOperator, Double)
  /// Both.
  case and(Condition, Condition)
  /// Either.
  case or(Condition, Condition)
  /// Negation.
  case not(Condition)

  /// What a comparison compares.
  package enum Operand: Sendable, Hashable {
    /// The number a named capture of the rule's own pattern matched.
    case capture(Located<String>)
    /// `count(NAME)`: occurrences of a rule, or distinct rules of a category, that hit.
    case count(Located<String>)
    /// `categories`: how many distinct categories have a hit with a positive score.
    case categories(SourceLocation)
    /// `annual(NAME)`: the rate captured as NAME, turned into a yearly percentage using the
    /// period the pattern captured as `period` (see docs/RULES.md).
    case annual(Located<String>)
  }
}

/// `>=`, `>`, `<=`, `<`, `==`, `!=`.
package enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
  case greaterOrEqual = ">="
  case greater = ">"
  case lessOrEqual = "<="
  case less = "<"
  case equal = "=="
  case notEqual = "!="

  /// Applies the operator.
  package func holds(_ lhs: Double, _ rhs: Double) -> Bool {
    switch self {
    case .greaterOrEqual: lhs >= rhs
    case .greater: lhs > rhs
    case .lessOrEqual: lhs <= rhs
    case .less: lhs < rhs
    case .equal: lhs == rhs
    case .notEqual: lhs != rhs
    }
  }
}

/// Parses the text of a `when` line.
package struct ConditionParser {
  private enum Token: Equatable {
    case ident(String)
    case number(Double)
    case op(ComparisonOperator)
    case lparen, rparen
    case bad(String)
    case end
  }

  private var tokens: [(Token, Int)] = []  // token and its column offset in the text
  private var position = 0
  private let base: SourceLocation

  /// Tokenises `text`, whose first scalar is at `location`.
  package init(_ text: [Unicode.Scalar], at location: SourceLocation) {
    base = location
    var i = 0
    while i < text.count {
      let c = text[i]
      if c == " " || c == "\t" {
        i += 1
        continue
      }
      let start = i
      if c == "(" {
        tokens.append((.lparen, start))
        i += 1
      } else if c == ")" {
        tokens.append((.rparen, start))
        i += 1
      } else if ">=<!".unicodeScalars.contains(c) {
        var op = String(c)
        if i + 1 < text.count, text[i + 1] == "=" {
          op.append("=")
          i += 1
        }
        i += 1
        if let o = ComparisonOperator(rawValue: op) {
          tokens.append((.op(o), start))
        } else {
          tokens.append((.bad(op), start))
        }
      } else if Self.isDigit(c) || (c == "-" && i + 1 < text.count && Self.isDigit(text[i + 1])) || c == "." {
        i += 1
        while i < text.count, Self.isDigit(text[i]) || text[i] == "." { i += 1 }
        let s = scalarString(text[start..<i])
        if let v = Double(s), v.isFinite {
          tokens.append((.number(v), start))
        } else {
          tokens.append((.bad(s), start))
        }
      } else if Self.isIdentStart(c) {
        i += 1
        while i < text.count, Self.isIdentContinue(text[i]) { i += 1 }
        tokens.append((.ident(scalarString(text[start..<i])), start))
      } else {
        var j = i + 1
        while j < text.count, text[j] != " " { j += 1 }
        tokens.append((.bad(scalarString(text[start..<j])), start))
        i = j
      }
    }
    tokens.append((.end, text.count))
  }

  static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
  static func isIdentStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_"
  }
  static func isIdentContinue(_ c: Unicode.Scalar) -> Bool {
    isIdentStart(c) || isDigit(c) || c == "-"
  }

  private func location(_ offset: Int) -> SourceLocation { base.advanced(by: offset) }

  /// Parses the whole text; on failure returns the diagnostic for the first problem.
  package mutating func parse() -> Result<Condition, ConditionSyntaxError> {
    do throws(ConditionSyntaxError) {
      let c = try parseOr()
      let (tok, at) = tokens[position]
      if tok != .end {
        throw ConditionSyntaxError(
          location: location(at), message: "unexpected \(describe(tok)) after a complete condition")
      }
      return .success(c)
    } catch {
      return .failure(error)
    }
  }

  private func describe(_ t: Token) -> String {
    switch t {
    case .ident(let s): "'\(s)'"
    case .number(let v): "number \(v)"
    case .op(let o): "'\(o.rawValue)'"
    case .lparen: "'('"
    case .rparen: "')'"
    case .bad(let s): "'\(s)'"
    case .end: "end of line"
    }
  }

  private mutating func parseOr() throws(ConditionSyntaxError) -> Condition {
    var lhs = try parseAnd()
    while case .ident("or") = tokens[position].0 {
      position += 1
      lhs = .or(lhs, try parseAnd())
    }
    return lhs
  }

  private mutating func parseAnd() throws(ConditionSyntaxError) -> Condition {
    var lhs = try parseNot()
    while case .ident("and") = tokens[position].0 {
      position += 1
      lhs = .and(lhs, try parseNot())
    }
    return lhs
  }

  private mutating func parseNot() throws(ConditionSyntaxError) -> Condition {
    if case .ident("not") = tokens[position].0 {
      position += 1
      return .not(try parseNot())
    }
    return try parsePrimary()
  }

  private mutating func parsePrimary() throws(ConditionSyntaxError) -> Condition {
    let (tok, at) = tokens[position]
    switch tok {
    case .lparen:
      position += 1
      let inner = try parseOr()
      guard tokens[position].0 == .rparen else {
        throw ConditionSyntaxError(
          location: location(tokens[position].1),
          message:
            "expected ')' to close the '(' at column \(location(at).column), found \(describe(tokens[position].0))"
        )
      }
      position += 1
      return inner
    case .ident(let name) where !["and", "or", "not"].contains(name):
      position += 1
      var operand: Condition.Operand?
      if name == "count" || name == "annual", tokens[position].0 == .lparen {
        position += 1
        guard case .ident(let arg) = tokens[position].0 else {
          throw ConditionSyntaxError(
            location: location(tokens[position].1),
            message: "expected a name inside \(name)(…), found \(describe(tokens[position].0))")
        }
        let argAt = tokens[position].1
        position += 1
        guard tokens[position].0 == .rparen else {
          throw ConditionSyntaxError(
            location: location(tokens[position].1),
            message: "expected ')' after \(name)(\(arg), found \(describe(tokens[position].0))")
        }
        position += 1
        let loc = Located(arg, at: location(argAt))
        operand = name == "count" ? .count(loc) : .annual(loc)
      } else if name == "categories" {
        operand = .categories(location(at))
      }
      if case .op(let op) = tokens[position].0 {
        position += 1
        guard case .number(let value) = tokens[position].0 else {
          throw ConditionSyntaxError(
            location: location(tokens[position].1),
            message: "expected a number after '\(op.rawValue)', found \(describe(tokens[position].0))")
        }
        position += 1
        return .compare(operand ?? .capture(Located(name, at: location(at))), op, value)
      }
      if operand != nil {
        throw ConditionSyntaxError(
          location: location(tokens[position].1),
          message: "'\(name)' is a number: compare it, e.g. \(name == "categories" ? "categories" : "\(name)(…)") >= 2"
        )
      }
      return .name(Located(name, at: location(at)))
    case .end:
      throw ConditionSyntaxError(location: location(at), message: "expected a condition, found end of line")
    default:
      throw ConditionSyntaxError(location: location(at), message: "expected a name, found \(describe(tok))")
    }
  }
}

/// A syntax error in a `when` line.
package struct ConditionSyntaxError: Error, Sendable {
  package var location: SourceLocation
  package var message: String
}
