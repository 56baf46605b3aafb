#pragma once
// The clinical articles the rules and the aftercare advice come from. The
// code and docs/rules.md cite them by file name; what staff and clients read
// names them by title, which means something to a therapist or a physician.

#include <array>
#include <string>
#include <string_view>

namespace massagelog {

struct Article {
    std::string_view file;  // "001_a411700d9baee785.txt"
    std::string_view title; // "Muscle Twitch After Massage: Causes, Effects, and FAQs"
};

inline constexpr std::array<Article, 5> k_articles{{
    {"000_477a1b020d41746b.txt", "Understanding Muscle Twitching After Massage"},
    {"001_a411700d9baee785.txt", "Muscle Twitch After Massage: Causes, Effects, and FAQs"},
    {"002_48f8ebfdbd48d405.txt", "What causes twitching and how to treat it?"},
    {"003_f45dc562454c53a3.txt", "Can a Certified Massage Therapist Help With Your Muscle Spasms?"},
    {"004_bc79bfd18413faca.txt", "Can Massage Cause Muscle Spasms?"},
}};

// `text` with every article's file name replaced by its title in quotes:
// "001_a411700d9baee785.txt: twitching can last ..." reads
// "“Muscle Twitch After Massage: Causes, Effects, and FAQs”: twitching can last ...".
std::string cite(std::string_view text);

} // namespace massagelog
