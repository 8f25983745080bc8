/// A deterministic half of a corpus, chosen by the last character of each row's id: tune rules on
/// one half and measure them on the other.
///
/// `even` keeps the rows whose id ends in `0`, `2`, `4`, `6` or `8`; `odd` those ending in `1`,
/// `3`, `5`, `7` or `9` (ASCII digits only). A row whose id does not end in a digit (`a`, `zh-1a`,
/// an empty id, a full-width `１`) belongs to **neither** half: it is dropped from both.
public enum EvaluationSplit: String, Sendable, Hashable, CaseIterable, Codable {
  /// Ids ending in an even digit.
  case even
  /// Ids ending in an odd digit.
  case odd

  /// Whether the row with this id belongs to the half; false when the id does not end in a digit.
  public func contains(id: String) -> Bool {
    guard let last = id.unicodeScalars.last, ("0"..."9").contains(last) else { return false }
    let isEven = (last.value - UnicodeScalar("0").value) % 2 == 0
    return isEven == (self == .even)
  }

  /// The rows of `rows` that belong to the half, in their original order.
  public func filter(_ rows: [LabeledMessage]) -> [LabeledMessage] {
    rows.filter { contains(id: $0.id) }
  }
}
