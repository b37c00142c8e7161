#pragma once

#include <string>
#include <string_view>

#include "itkal/read/newsletter_text.hpp"

namespace itkal {

/// Renders an HTML newsletter into text lines, roughly as a browser shows it:
/// - each block (p, div, li, tr, h1-h6, table, blockquote, …) starts and ends a line, <br> ends
///   one (two <br> in a row leave an empty line); the cells of one table row share a line,
///   separated by a space, unless a cell holds blocks of its own;
/// - white space collapses to one space and is trimmed at line ends; &nbsp; is a plain space;
///   soft hyphens and zero-width characters are dropped;
/// - <b>, <strong> and inline `font-weight: bold` become "**…**"; a bold span that continues
///   over a line break stays open, as it does in the text form;
/// - lines of <h1>-<h6> have `heading` set;
/// - <head>, <style>, <script>, <template>, comments and elements hidden with `display: none`
///   or `hidden` are dropped; images and link targets are not text.
/// TextLine::number counts the rendered lines from 1 (empty lines that <br><br> makes count).
///
/// `encoding` is a charset name from outside the document (a mail part's Content-Type); when
/// it is empty the document's <meta charset> decides, then UTF-8, then Windows-1252 with a
/// warning. Never throws for malformed HTML: the parser recovers as browsers do.
NewsletterText read_html_newsletter(const std::string& source, std::string_view bytes,
                                    std::string_view encoding = {});

}  // namespace itkal
