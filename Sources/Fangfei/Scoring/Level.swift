/// How a message is judged. A message is *flagged* when its level is not ``clean``.
public enum Level: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// Below the pack's `suspicious` threshold.
  case clean
  /// At or above the `suspicious` threshold, below `scam`.
  case suspicious
  /// At or above the `scam` threshold.
  case scam

  /// `clean` < `suspicious` < `scam`.
  public static func < (lhs: Level, rhs: Level) -> Bool {
    let order: [Level] = [.clean, .suspicious, .scam]
    return order.firstIndex(of: lhs) ?? 0 < order.firstIndex(of: rhs) ?? 0
  }

  /// Whether the level is `suspicious` or `scam`.
  public var isFlagged: Bool { self != .clean }
}
