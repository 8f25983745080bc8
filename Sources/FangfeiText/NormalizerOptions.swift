/// Switches for the individual normalisation steps of ``Normalizer``.
///
/// Every step is on by default. The steps run in this order: compatibility
/// normalisation, case folding, removal of format characters, traditional → simplified
/// conversion (these four are applied scalar by scalar), then removal of separators and
/// noise between Han characters, then conversion of Chinese numerals.
public struct NormalizerOptions: Sendable, Hashable {
  /// Step 1: Unicode NFKC (full-width → half-width, circled digits → digits, `㈤` → `(五)`,
  /// compatibility ideographs → unified ideographs, combining sequences composed), plus two
  /// symbols NFKC leaves alone: the keycap mark goes (`1️⃣5️⃣0️⃣` → `150`) and `➕` becomes `+`
  /// like `＋` (`➕微信` → `+微信`).
  public var compatibilityNormalization: Bool

  /// Step 2: lower-casing of cased letters (`VIP` → `vip`). Applied after step 1, so
  /// full-width capitals fold too.
  public var caseFolding: Bool

  /// Step 3: removal of invisible format characters: zero-width spaces and joiners, bidi
  /// controls, word joiners, the byte-order mark, soft hyphens, variation selectors, tag
  /// characters and the other Unicode default-ignorable code points.
  public var formatCharacterRemoval: Bool

  /// Step 4: traditional → simplified Chinese, character by character, with a table derived
  /// from OpenCC (see ``openCCConfiguration``).
  public var traditionalToSimplified: Bool

  /// Step 5: removal of spaces, separator punctuation (`-_.·•*~|/\` and the like) and emoji
  /// that sit between two Han characters (`稳🔥赚` → `稳赚`, `保-本` → `保本`), and of spaces
  /// between a digit and a Han character (`3 万` → `3万`), before `%` after a digit, and
  /// between lone digits (`3 6 %` → `36%`). Clause punctuation (`，。！？；：、` and their
  /// ASCII forms after step 1), line breaks, and spaces between Latin words stay. Emoji that
  /// stand for money (💰, banknotes, 🧧, 🌽, 🍚) are words, not noise: they stay and count as
  /// Han characters (`搞💰吗` stays). Chat-app emoticon codes (`[微笑]`, `[em]e166[/em]`) are
  /// removed wherever they stand (`稳赚[微笑]不赔` → `稳赚不赔`).
  public var separatorRemoval: Bool

  /// Step 6: Chinese numerals and amounts to Arabic digits (`百分之三十` → `30%`,
  /// `三千五` → `3500`, `3万` → `30000`, `月息三分` → `月息3分`).
  public var numeralConversion: Bool

  /// The OpenCC configuration used by step 4: a file name looked up in OpenCC's data
  /// directory (such as `t2s.json`, `tw2s.json`, `hk2s.json`) or an absolute path.
  ///
  /// The table of `t2s.json` (the default) is computed with the OpenCC installed at build time
  /// and embedded in the library; any other value makes OpenCC build the table at run time
  /// (about 0.1 s, once per configuration and process).
  public var openCCConfiguration: String

  /// Creates options; every step is on unless switched off.
  public init(
    compatibilityNormalization: Bool = true,
    caseFolding: Bool = true,
    formatCharacterRemoval: Bool = true,
    traditionalToSimplified: Bool = true,
    separatorRemoval: Bool = true,
    numeralConversion: Bool = true,
    openCCConfiguration: String = "t2s.json"
  ) {
    self.compatibilityNormalization = compatibilityNormalization
    self.caseFolding = caseFolding
    self.formatCharacterRemoval = formatCharacterRemoval
    self.traditionalToSimplified = traditionalToSimplified
    self.separatorRemoval = separatorRemoval
    self.numeralConversion = numeralConversion
    self.openCCConfiguration = openCCConfiguration
  }

  /// Options with every step switched off: ``Normalizer/normalize(_:)`` returns the text
  /// unchanged with an identity offset map.
  public static var none: NormalizerOptions {
    NormalizerOptions(
      compatibilityNormalization: false,
      caseFolding: false,
      formatCharacterRemoval: false,
      traditionalToSimplified: false,
      separatorRemoval: false,
      numeralConversion: false
    )
  }
}
