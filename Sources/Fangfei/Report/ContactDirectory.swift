import FangfeiRules

/// The reporting contacts, read from tab-separated tables under `rules/contacts/` (data, not
/// code): one file a province, a `province<TAB>NAME` line, then `name<TAB>e-mails<TAB>phones`
/// lines (several values separated by spaces, `-` for none). Files whose province is 全国 hold
/// national lines, shown for every place.
public struct ContactDirectory: Sendable {
  /// Every city or prefecture, in file and line order.
  public private(set) var places: [Contact] = []
  /// National lines (the anti-fraud hotline 96110).
  public private(set) var national: [Contact] = []

  /// An error in a contacts table, or an unknown place.
  public enum Problem: Error, Sendable, CustomStringConvertible {
    /// A line that is not `name<TAB>e-mails<TAB>phones`.
    case badLine(SourceLocation, String)
    /// `--city` names no place of the tables; `known` lists them all.
    case unknownPlace(String, known: [String])

    /// One line, for standard error.
    public var description: String {
      switch self {
      case .badLine(let at, let message): "\(at): \(message)"
      case .unknownPlace(let name, let known):
        "unknown city '\(name)'; known: \(known.joined(separator: " "))"
      }
    }
  }

  /// The tables bundled with Fangfei (`rules/contacts/*.tsv`).
  public static func bundled() throws(Problem) -> ContactDirectory {
    let files = BundledPack.files(under: "contacts/", suffix: ".tsv")
    return try ContactDirectory(tables: files.map { ("rules/" + $0.path, $0.text) })
  }

  /// Reads tables given as (path, text) pairs.
  public init(tables: [(path: String, text: String)]) throws(Problem) {
    for (path, text) in tables {
      var province: String?
      var lineNumber = 0
      for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
        lineNumber += 1
        let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
        if line.trimmingCharacters(in: " \t").isEmpty || line.hasPrefix("#") { continue }
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
          String($0).trimmingCharacters(in: " ")
        }
        let at = SourceLocation(file: path, line: lineNumber, column: 1)
        if fields.first == "province" {
          guard fields.count == 2, !fields[1].isEmpty else {
            throw .badLine(at, "expected 'province<TAB>NAME'")
          }
          province = fields[1]
          continue
        }
        guard let province else { throw .badLine(at, "the first line must be 'province<TAB>NAME'") }
        guard fields.count == 3, !fields[0].isEmpty else {
          throw .badLine(at, "expected 'name<TAB>e-mails<TAB>phones' (use '-' for none), got \(fields.count) fields")
        }
        func values(_ s: String) -> [String] { s == "-" ? [] : s.split(separator: " ").map(String.init) }
        let contact = Contact(
          name: fields[0], province: province, emails: values(fields[1]), phones: values(fields[2]))
        guard !contact.emails.isEmpty || !contact.phones.isEmpty else {
          throw .badLine(at, "'\(contact.name)' has neither an e-mail nor a phone")
        }
        if province == "全国" { national.append(contact) } else { places.append(contact) }
      }
    }
  }

  /// The place called `name`, with or without its suffix (武汉 or 武汉市, 恩施 or 恩施州).
  public func place(named name: String) throws(Problem) -> Contact {
    let wanted = name.trimmingCharacters(in: " ")
    if let exact = places.first(where: { $0.name == wanted }) { return exact }
    let suffixes = ["市", "州", "林区", "地区", "自治州", "县", "区"]
    func stem(_ s: String) -> String {
      for suffix in suffixes where s.hasSuffix(suffix) && s.count > suffix.count {
        return String(s.dropLast(suffix.count))
      }
      return s
    }
    if let match = places.first(where: { stem($0.name) == stem(wanted) }) { return match }
    throw .unknownPlace(name, known: places.map(\.name))
  }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(in set: String) -> String {
    let chars = Set(set.unicodeScalars)
    let scalars = Array(unicodeScalars)
    var a = 0
    var b = scalars.count
    while a < b, chars.contains(scalars[a]) { a += 1 }
    while b > a, chars.contains(scalars[b - 1]) { b -= 1 }
    return String(String.UnicodeScalarView(scalars[a..<b]))
  }
}
