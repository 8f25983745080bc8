import FangfeiRules

/// The rule pack that ships with Fangfei: the `*.rules` files under the package's `rules/`,
/// embedded at build time by the EmbedRules plugin.
package enum BundledPack {
  /// The bundled rule files as loader sources, their paths prefixed with `rules/`.
  package static var sources: [PackLoader.SourceFile] {
    BundledRuleFiles.all.filter { $0.path.hasSuffix(".rules") }.map {
      PackLoader.SourceFile(path: "rules/" + $0.path, text: $0.text)
    }
  }

  /// Registers the analyses of the bundled patterns worked out at build time (the first call
  /// does): checking a pack with those patterns then skips their literal analysis, once the
  /// largest part of loading the bundled pack. Any pack may use them (they are found by the
  /// pattern's text), so ``Classifier`` registers them whatever it loads.
  package static func registerLiteralAnalyses() { _ = literalAnalyses }

  private static let literalAnalyses: Void = {
    RequiredLiterals.register(RequiredLiterals.decode(BundledRuleFiles.literalTable))
  }()

  /// The bundled files under `rules/<prefix>` whose names end in `suffix`, sorted by path.
  package static func files(under prefix: String, suffix: String) -> [(path: String, text: String)] {
    BundledRuleFiles.all.filter { $0.path.hasPrefix(prefix) && $0.path.hasSuffix(suffix) }
  }
}
