/// Settings of a ``Classifier`` that do not change its verdicts.
public struct ClassifierOptions: Sendable, Hashable {
  /// Skip the patterns of rules whose required literals are absent from the message (one
  /// Aho-Corasick pass over the text). Verdicts are identical either way; off only to measure
  /// or to check that claim.
  public var usePrefilter: Bool

  /// Creates options; the defaults are what production use wants.
  public init(usePrefilter: Bool = true) {
    self.usePrefilter = usePrefilter
  }
}
