/// The language of descriptions and titles in a verdict.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
  /// Chinese (the default): `describe zh`.
  case zh
  /// English: `describe en`, falling back to Chinese where a rule has no English text.
  case en
}
