#pragma once
// The columns that may be NULL, bound and read the one way every table
// does: an absent value is NULL, a yes/no/not-recorded answer is 1, 0 or
// NULL.

#include "massagelog/core/time.hpp"
#include "massagelog/core/values.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>

namespace massagelog {

// Binds `value`, or NULL when it is absent. `key` is a parameter's index
// or name.
template <class Key, class T>
void bind_opt(SQLite::Statement& statement, Key key, const std::optional<T>& value)
{
    if (value)
        statement.bind(key, *value);
    else
        statement.bind(key);
}

template <class Key> void bind_tri(SQLite::Statement& statement, Key key, Tri answer)
{
    bind_opt(statement, key, tri_to_db(answer));
}

inline void bind_value(SQLite::Statement& statement, int index, bool value)
{
    statement.bind(index, value ? 1 : 0);
}
template <class T> void bind_value(SQLite::Statement& statement, int index, const T& value)
{
    statement.bind(index, value);
}
template <class T>
void bind_value(SQLite::Statement& statement, int index, const std::optional<T>& value)
{
    bind_opt(statement, index, value);
}

// Binds `values` to parameters 1, 2, ... in order; an absent value binds
// NULL, a bool 1 or 0.
template <class... Values> void bind_row(SQLite::Statement& statement, const Values&... values)
{
    int index = 0;
    (bind_value(statement, ++index, values), ...);
}

// A time in its stored form, when there is one.
inline std::optional<std::string> opt_utc_text(const std::optional<Instant>& t)
{
    return t ? std::optional(to_utc_text(*t)) : std::nullopt;
}

inline std::optional<std::string> opt_column(const SQLite::Column& column)
{
    if (column.isNull())
        return std::nullopt;
    return column.getString();
}

inline Tri tri_column(const SQLite::Column& column)
{
    return column.isNull() ? Tri::unknown : tri_from_db(column.getInt());
}

} // namespace massagelog
