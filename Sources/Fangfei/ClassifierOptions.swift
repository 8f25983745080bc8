/// Settings of a ``Classifier`` that do not change its verdicts.
public struct ClassifierOptions: Sendable, Hashable {
  /// Skip the patterns of rules whose required literals are absent from the message (one
  /// Aho-Corasick pass over the text). Verdicts are identical either way; off only to measure
  /// or to check that claim.
  public var usePrefilter: Bool

  /// JIT-compile every pattern while loading (on two threads, beside the rest of loading).
  /// When false, each pattern is JIT-compiled at its first match instead: loading then costs
  /// less on a single core, and patterns the prefilter never lets run are never compiled, but
  /// the first messages pay for the compilation.
  public var jitAtLoad: Bool

  /// Creates options; the defaults are what production use wants.
  public init(usePrefilter: Bool = true, jitAtLoad: Bool = true) {
    self.usePrefilter = usePrefilter
    self.jitAtLoad = jitAtLoad
  }
}
