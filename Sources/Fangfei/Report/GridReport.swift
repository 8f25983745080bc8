/// The answer for a community grid worker (网格员): a colour, the sentences that gave the scam
/// away with the tactic named in plain words, the legal elements they evidence, what to do next,
/// and whom to call. A screening aid, never a legal finding. Build one with
/// ``Classifier/report(for:city:language:)``; render it with ``TextReport/gridReport(_:)`` or
/// ``HTMLReport``.
public struct GridReport: Sendable, Hashable, Codable {
  /// The traffic-light answer.
  public enum Colour: String, Sendable, Hashable, Codable {
    /// 红色 高风险: the scam threshold was reached.
    case red
    /// 黄色 可疑: the suspicious threshold was reached.
    case yellow
    /// 绿色 未发现: no typical fundraising tactic found.
    case green
  }

  /// One quoted piece of evidence.
  public struct Evidence: Sendable, Hashable, Codable {
    /// The words as written in the message.
    public var quote: String
    /// Where they are: Unicode scalars of the original text, end exclusive.
    public var start: Int
    public var end: Int
    /// The tactic in plain words (the category's title).
    public var tactic: String
    /// What the words mean (the rule's description).
    public var explanation: String
  }

  /// A legal element the evidence points to, in plain words.
  public struct Element: Sendable, Hashable, Codable {
    public var element: LegalElement
    /// 非法性 / Illegality …
    public var name: String
    /// What it means, in one sentence.
    public var explanation: String
  }

  /// The message's id, if any.
  public var id: String?
  /// The language the texts are in.
  public var language: Language
  public var colour: Colour
  /// `红色 高风险`, `黄色 可疑`, `绿色 未发现` (or the English words).
  public var headline: String
  /// One plain sentence saying what was found.
  public var summary: String
  /// The score behind the colour (for the curious; the colour is the answer).
  public var score: Double
  public var evidence: [Evidence]
  public var elements: [Element]
  /// What to do next, fitting the colour: verify, dissuade, report, keep evidence.
  public var nextSteps: [String]
  /// The chosen place's contact (if any), then the national lines.
  public var contacts: [Contact]
  /// That this is a screening aid, not a legal finding.
  public var disclaimer: String
}
