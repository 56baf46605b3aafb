#pragma once
// Printing an XHTML report to PDF with WeasyPrint (Debian's weasyprint,
// run as a program): A4 and page numbers come from the report's own CSS.

#include <string>

namespace massagelog {

// The PDF bytes of `xhtml`. Throws OperationalError naming the weasyprint
// package when it is not installed, or when it fails.
std::string print_pdf(const std::string& xhtml);

} // namespace massagelog
