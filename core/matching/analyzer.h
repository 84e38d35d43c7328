// Analyzer: job titles and skills as comparable terms. Text is folded (case,
// accents, Arabic/Persian letter variants, tatweel, NFKC: core/text/
// normalize.h), split into words by ICU's word BreakIterator, stripped of
// feminine and plural endings where the language marks them on job titles
// (German "-in"/"-innen", French "-euse", "-rice"...), and stemmed by the
// Snowball stemmer of the language where one exists (libstemmer). Pure and
// thread-safe (one stemmer per thread and language).
#ifndef WORKMATCH_CORE_MATCHING_ANALYZER_H_
#define WORKMATCH_CORE_MATCHING_ANALYZER_H_

#include <string>
#include <string_view>
#include <vector>

namespace workmatch {

// The words of `text`, folded (no stemming).
std::vector<std::string> Words(std::string_view text);

// A word without its feminine ending where the language marks it on job
// titles: "krankenpflegerin" -> "krankenpfleger", "serveuse" -> "serveur".
std::string Ungender(std::string word, std::string_view locale);

// The terms of `text` in `locale` ("en", "de", "ar", ...): words, with gender
// endings removed and stemmed.
std::vector<std::string> Terms(std::string_view text, std::string_view locale);

// One word's stem in `locale` (Ungender() it first).
std::string Term(std::string_view word, std::string_view locale);

// True for languages that write compounds as one word (German, Finnish, ...),
// whose words LabelIndex splits into the words of its corpus.
bool Compounds(std::string_view locale);

}  // namespace workmatch

#endif  // WORKMATCH_CORE_MATCHING_ANALYZER_H_
