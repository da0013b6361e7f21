/*
 * The chainrule language: vector-calculus expressions in matrixcalculus.org's syntax plus the
 * notation of Parr and Howard's "The Matrix Calculus You Need For Deep Learning", and .calc files
 * that declare functions over scalars, vectors and matrices.
 *
 * Precedence, tightest first (the order of the alternatives of `expr`):
 *   transpose  x'  xᵀ  and entries  x[i]  A[i, j]   |  power  ^ .^ ²  (right-assoc)  |  unary - +
 *   |  * / .* ./ ⊙ ∘ ⊘ · .  (left-assoc)  |  + -  (left-assoc)
 * so -x^2 is -(x^2), x'*A*x is ((x')*A)*x and a.*b' is a.*(b').
 * [a, b] is a vector (the paper's vector of functions), [a, b; c, d] a matrix by block rows.
 */
grammar Calc;

// Start rules end in EOF so that trailing garbage is an error, not silently ignored.
calcFile       : packageDecl? precisionDecl? functionDecl* EOF ;
singleExpr     : expr where? EOF ;
singleType     : type EOF ;
singleParam    : param EOF ;

packageDecl    : PACKAGE qualifiedName ';' ;
// `precision float;`: the number type of the generated classes (double when not declared). Any name
// parses here, so that `precision half;` is told which precisions there are, where it is written.
precisionDecl  : PRECISION NAME ';' ;
qualifiedName  : NAME ('.' NAME)* ;

functionDecl   : FUNCTION NAME '(' (param (',' param)*)? ')' '=' localDef* expr request* ';' ;
param          : NAME ':' type ;
type           : NAME ('[' dim (',' dim)* ']')? ;
dim            : NAME | NUMBER ;
localDef       : NAME '=' expr ';' ;
request        : kind=(GRADIENT | JACOBIAN | HESSIAN | HVP) WRT NAME (',' NAME)* ;

expr
    : expr op=(QUOTE | SUPER_T)                                             # transpose
    | expr '[' index (',' index)? ']'                                       # entries
    | <assoc=right> expr op=(CARET | DOT_CARET) expr                        # power
    | expr SUPERSCRIPT                                                      # superscriptPower
    | op=(MINUS | PLUS) expr                                                # unary
    | expr op=(STAR | SLASH | DOT_STAR | DOT_SLASH | ODOT | RING | OSLASH | MIDDOT | DOT) expr  # multiplicative
    | expr op=(PLUS | MINUS) expr                                           # additive
    | NAME '(' (expr (',' expr)*)? ')'                                      # call
    | '[' blockRow (';' blockRow)* ']'                                      # literal
    | NUMBER                                                                # number
    | NAME                                                                  # name
    | '(' expr ')'                                                          # parens
    ;

// An index or a range of them, 1-based: a whole number or an expression of dimensions, as x[n - 1].
index          : expr (':' expr)? ;
blockRow       : expr (',' expr)* ;

// `body where t1 = …, t2 = …`: names for subexpressions, each defined before its first use, as the
// printers write a large result; only a whole expression has them.
where          : WHERE definition (',' definition)* ;
definition     : NAME '=' expr ;

PACKAGE     : 'package' ;
PRECISION   : 'precision' ;
FUNCTION    : 'function' ;
GRADIENT    : 'gradient' ;
JACOBIAN    : 'jacobian' ;
HESSIAN     : 'hessian' ;
HVP         : 'hvp' ;
WRT         : 'wrt' ;
WHERE       : 'where' ;

QUOTE       : '\'' ;
SUPER_T     : '\u1D40' ;              // ᵀ
CARET       : '^' ;
DOT_CARET   : '.^' ;
STAR        : '*' ;
SLASH       : '/' ;
DOT_STAR    : '.*' ;
DOT_SLASH   : './' ;
ODOT        : '\u2299' ;              // ⊙ the paper's element-wise product
RING        : '\u2218' ;              // ∘ Hadamard product, another common spelling
OSLASH      : '\u2298' ;              // ⊘ the paper's element-wise division
MIDDOT      : '\u00B7' ;              // · the paper's dot product
DOT         : '.' ;
PLUS        : '+' ;
MINUS       : '-' | '\u2212' ;        // ASCII hyphen or Unicode minus sign
SUPERSCRIPT : [\u2070\u00B9\u00B2\u00B3\u2074-\u2079]+ ;   // x² : a power written as in the paper

// No trailing dot, so that 2.*x is 2 .* x; a leading dot needs a digit, so that w.x is w . x.
NUMBER      : DIGITS ('.' DIGITS)? EXPONENT? | '.' DIGITS EXPONENT? ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;

// Letters of any script, but not modifier letters: ᵀ (U+1D40) is the transpose, not part of a name.
NAME        : NAME_START NAME_PART* ;
fragment NAME_START : [\p{Lu}\p{Ll}\p{Lt}\p{Lo}_] ;
fragment NAME_PART  : [\p{Lu}\p{Ll}\p{Lt}\p{Lo}\p{Nd}_] ;

LINE_COMMENT  : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
// A comment that is never closed: one token, so that the parser can say so instead of reading / * ...
// Its text cannot contain */, so a closed comment (and what follows it) never matches here.
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF ;
WS            : [ \t\r\n\u00A0]+ -> skip ;

// Anything else becomes one token the parser rejects with a positioned message.
UNEXPECTED  : . ;
