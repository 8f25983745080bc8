/// One of the four elements of illegal fundraising that a verdict's hits evidence, with the
/// rules that evidence it (each rule's category names its elements in the pack).
public struct ElementEvidence: Sendable, Hashable, Codable {
  /// The element.
  public var element: LegalElement
  /// Its Chinese name: 非法性, 公开性, 利诱性 or 社会性.
  public var name: String
  /// The rules that fired with a positive score and evidence it, in hit order.
  public var rules: [String]

  /// Creates the evidence for `element`.
  public init(element: LegalElement, rules: [String]) {
    self.element = element
    self.name = element.chineseName
    self.rules = rules
  }
}
