// Java highlighting for the generated class: a small tokenizer, enough for code chainrule writes
// (comments, Javadoc, strings, numbers, annotations, keywords, type names). It builds text nodes
// and spans, never HTML from strings, so no text can become markup.
"use strict";

const JAVA_KEYWORDS = new Set(("abstract assert boolean break byte case catch char class const continue default do "
  + "double else enum extends final finally float for goto if implements import instanceof int interface long "
  + "native new package private protected public return short static strictfp super switch synchronized this "
  + "throw throws transient try void volatile while true false null var").split(" "));

const JAVA_TOKEN = new RegExp([
  "(/\\*[\\s\\S]*?\\*/|//[^\\n]*)",                                   // 1 comment
  "(\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*')",           // 2 string or char
  "(@[A-Za-z_][\\w]*)",                                               // 3 annotation
  "(\\b\\d[\\d_]*(?:\\.\\d*)?(?:[eE][+-]?\\d+)?[dDfFlL]?\\b)",        // 4 number
  "([A-Za-z_$][\\w$]*)"                                               // 5 word
].join("|"), "g");

/** Fills `element` with `code`, highlighted. */
function highlightJava(code, element) {
  element.textContent = "";
  const fragment = document.createDocumentFragment();
  let last = 0;
  const span = (cls, text) => {
    const s = document.createElement("span");
    s.className = cls;
    s.textContent = text;
    fragment.appendChild(s);
  };
  for (const m of code.matchAll(JAVA_TOKEN)) {
    if (m.index > last) {
      fragment.appendChild(document.createTextNode(code.slice(last, m.index)));
    }
    const text = m[0];
    if (m[1]) span("tok-comment", text);
    else if (m[2]) span("tok-str", text);
    else if (m[3]) span("tok-ann", text);
    else if (m[4]) span("tok-num", text);
    else if (JAVA_KEYWORDS.has(text)) span("tok-kw", text);
    else if (/^[A-Z]/.test(text)) span("tok-type", text);
    else fragment.appendChild(document.createTextNode(text));
    last = m.index + text.length;
  }
  if (last < code.length) {
    fragment.appendChild(document.createTextNode(code.slice(last)));
  }
  element.appendChild(fragment);
}
