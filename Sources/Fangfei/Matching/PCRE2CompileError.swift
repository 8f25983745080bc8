/// A pattern that PCRE2 refused to compile, with PCRE2's own message and where it stopped.
package struct PCRE2CompileError: Error, Sendable, Equatable, CustomStringConvertible {
  /// PCRE2's positive compile error number (for example 114 for "missing closing parenthesis").
  package let code: Int32
  /// PCRE2's error text from `pcre2_get_error_message_8`.
  package let message: String
  /// Byte offset into the pattern's UTF-8 where PCRE2 stopped (PCRE2's `erroroffset`).
  package let utf8Offset: Int

  /// Creates an error from its parts.
  package init(code: Int32, message: String, utf8Offset: Int) {
    self.code = code
    self.message = message
    self.utf8Offset = utf8Offset
  }

  /// The offset of the error in Unicode scalars (0-based) within `pattern`.
  ///
  /// An offset inside a multi-byte sequence maps to the scalar that contains it; an offset past
  /// the end is clamped to the pattern's scalar count.
  package func scalarOffset(in pattern: String) -> Int {
    var leadBytesBefore = 0
    var position = 0
    for byte in pattern.utf8 {
      if position == utf8Offset {
        // Inside a scalar: its lead byte was already counted, step back to that scalar.
        return byte & 0xC0 == 0x80 ? leadBytesBefore - 1 : leadBytesBefore
      }
      if byte & 0xC0 != 0x80 { leadBytesBefore += 1 }
      position += 1
    }
    return leadBytesBefore
  }

  /// The 1-based column of the error in `pattern`, in Unicode scalars, for `file:line:column`
  /// diagnostics (the character at which PCRE2 stopped).
  package func column(in pattern: String) -> Int {
    scalarOffset(in: pattern) + 1
  }

  /// `message (at byte utf8Offset)`.
  package var description: String {
    "\(message) (at byte \(utf8Offset))"
  }
}
