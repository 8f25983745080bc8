import Fangfei

/// The bundled classifier, loaded once per process.
let bundledClassifier: Result<Classifier, RulePackError> = Result { () throws(RulePackError) in
  try Classifier()
}

/// The bundled classifier without the literal prefilter, to check that it changes nothing.
let bundledClassifierWithoutPrefilter: Result<Classifier, RulePackError> = Result { () throws(RulePackError) in
  try Classifier(options: ClassifierOptions(usePrefilter: false))
}

/// `fuzz-classify`: bytes → message (invalid UTF-8 replaced by U+FFFD) → the bundled pack;
/// every span must slice the original text exactly, the JSON line must decode back, and the
/// verdict must be the same without the prefilter.
enum ClassifyChecks {
  static func check(_ bytes: UnsafeBufferPointer<UInt8>) throws(FuzzFailure) {
    let classifier: Classifier
    let unfiltered: Classifier
    switch (bundledClassifier, bundledClassifierWithoutPrefilter) {
    case (.success(let c), .success(let u)):
      classifier = c
      unfiltered = u
    case (.failure(let e), _), (_, .failure(let e)):
      throw FuzzFailure("the bundled pack does not load: \(e)")
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let verdict = classifier.classify(text)
    try SpanChecks.check(verdict, original: text, context: "bundled pack")
    try SpanChecks.checkSame(
      withPrefilter: verdict, without: unfiltered.classify(text), original: text, context: "bundled pack")
  }
}
