#include "massagelog/store/bulk_insert.hpp"

namespace massagelog {

std::string values_list(std::size_t rows, int columns)
{
    std::string row = "(?";
    for (int i = 1; i < columns; ++i)
        row += ",?";
    row += ')';
    std::string out = row;
    for (std::size_t i = 1; i < rows; ++i) {
        out += ',';
        out += row;
    }
    return out;
}

} // namespace massagelog
