/// What Fangfei says about one message: the level, the score, and the hits that explain it.
///
/// Encodes to the JSON contract of DESIGN.md:
/// `{"id": …, "level": "scam", "score": 11.0, "hits": [{"rule": …, "category": …, "score": …,
/// "description": …, "match": …, "start": …, "end": …, "count": …}], "elements": [{"element":
/// "inducement", "name": "利诱性", "rules": […]}]}` — `limited` is added only when not empty.
public struct Verdict: Sendable, Hashable, Codable {
  /// The message's id: echoed from `--jsonl` input, the line number with `--lines`, or nil.
  public var id: String?
  /// `clean`, `suspicious` or `scam`.
  public var level: Level
  /// The sum of the hits' contributions.
  public var score: Double
  /// The rules that fired, pattern rules in order of their evidence, then meta rules.
  public var hits: [Hit]
  /// The elements of illegal fundraising (非法性, 公开性, 利诱性, 社会性) the hits evidence, in
  /// that order, each with its rules. A screening aid, not a legal finding.
  public var elements: [ElementEvidence]
  /// Rules whose matching stopped at a resource limit (a hostile pattern or text); their hits,
  /// if any, may be incomplete. Empty in normal operation.
  public var limited: [String]

  /// Creates a verdict.
  public init(
    id: String? = nil, level: Level, score: Double, hits: [Hit], elements: [ElementEvidence] = [],
    limited: [String] = []
  ) {
    self.id = id
    self.level = level
    self.score = score
    self.hits = hits
    self.elements = elements
    self.limited = limited
  }

  /// Whether the level is `suspicious` or `scam`.
  public var isFlagged: Bool { level.isFlagged }

  private enum CodingKeys: String, CodingKey {
    case id, level, score, hits, elements, limited
  }

  /// Decodes a verdict; `limited` may be absent.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decodeIfPresent(String.self, forKey: .id)
    level = try c.decode(Level.self, forKey: .level)
    score = try c.decode(Double.self, forKey: .score)
    hits = try c.decode([Hit].self, forKey: .hits)
    elements = try c.decodeIfPresent([ElementEvidence].self, forKey: .elements) ?? []
    limited = try c.decodeIfPresent([String].self, forKey: .limited) ?? []
  }

  /// Encodes a verdict; `limited` only when it is not empty.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(level, forKey: .level)
    try c.encode(score, forKey: .score)
    try c.encode(hits, forKey: .hits)
    try c.encode(elements, forKey: .elements)
    if !limited.isEmpty { try c.encode(limited, forKey: .limited) }
  }
}
