import Fangfei

/// The text of `subject` covered by the UTF-8 byte range `range`, or `nil` for an unset group.
func slice(_ subject: String, _ range: Range<Int>?) -> String? {
  guard let range else { return nil }
  let bytes = Array(subject.utf8)
  guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return nil }
  return String(decoding: bytes[range], as: UTF8.self)
}

/// Compiles `pattern`, returning the compile error or `nil` when it compiled.
func compileError(_ pattern: String, options: PatternOptions = []) -> PCRE2CompileError? {
  let result = Result { () throws(PCRE2CompileError) in
    try CompiledPattern(pattern, options: options)
  }
  if case .failure(let error) = result { return error }
  return nil
}

/// The texts of all whole matches of `pattern` in `subject`.
func matchedTexts(_ pattern: String, in subject: String, options: PatternOptions = []) throws
  -> [String]
{
  let compiled = try CompiledPattern(pattern, options: options)
  return try compiled.allMatches(in: subject, scratch: MatchScratch()).compactMap {
    slice(subject, $0.range)
  }
}

/// Whether byte `offset` of `subject` starts a Unicode scalar (or is the end).
func isScalarBoundary(_ offset: Int, in subject: String) -> Bool {
  let bytes = Array(subject.utf8)
  if offset == bytes.count { return true }
  return offset >= 0 && offset < bytes.count && bytes[offset] & 0xC0 != 0x80
}
