/// The four elements of illegal fundraising (非法集资) in Chinese law. A category of the rule pack
/// names the elements its hits are evidence of (`element inducement` or `element 利诱性`).
public enum LegalElement: String, Sendable, Hashable, CaseIterable, Codable {
  /// 非法性: no licence, or a fake or misleading licence claim.
  case illegality
  /// 公开性: solicitation in public (flyers, groups, ads, seminars).
  case publicity
  /// 利诱性: promised returns — interest, dividends, rebates, principal guarantees.
  case inducement
  /// 社会性: aimed at the unspecified public — recruitment, "anyone can join", referrals.
  case sociality

  /// The Chinese name (非法性, 公开性, 利诱性, 社会性).
  public var chineseName: String {
    switch self {
    case .illegality: "非法性"
    case .publicity: "公开性"
    case .inducement: "利诱性"
    case .sociality: "社会性"
    }
  }

  /// The element written in a rule file, by its English or Chinese name.
  public init?(named name: String) {
    if let e = LegalElement(rawValue: name) {
      self = e
    } else if let e = LegalElement.allCases.first(where: { $0.chineseName == name }) {
      self = e
    } else {
      return nil
    }
  }
}
