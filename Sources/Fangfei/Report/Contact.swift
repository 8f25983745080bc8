/// Where to report suspected illegal fundraising: a city's or prefecture's office (or a national
/// hotline), with the e-mail addresses and phone numbers exactly as published.
public struct Contact: Sendable, Hashable, Codable {
  /// The place, as written in the contacts table (武汉市, 恩施州, 全国反诈专线 …).
  public var name: String
  /// The province (or 全国 for national lines).
  public var province: String
  /// E-mail addresses, possibly none.
  public var emails: [String]
  /// Phone numbers, possibly none.
  public var phones: [String]

  /// Creates a contact.
  public init(name: String, province: String, emails: [String], phones: [String]) {
    self.name = name
    self.province = province
    self.emails = emails
    self.phones = phones
  }
}
