/* seg-expr-private.h — the expression tree shared by the parser and the evaluator
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "seg-expr.h"

G_BEGIN_DECLS

typedef enum
{
  SEG_EXPR_NODE_CONST,
  SEG_EXPR_NODE_COLUMN,
  SEG_EXPR_NODE_POS,      /* unary + */
  SEG_EXPR_NODE_NEG,
  SEG_EXPR_NODE_NOT,
  SEG_EXPR_NODE_AND,
  SEG_EXPR_NODE_OR,
  SEG_EXPR_NODE_ARITH,    /* op: SegExprArith */
  SEG_EXPR_NODE_CMP,      /* op: SegExprCmp */
  SEG_EXPR_NODE_CALL,     /* op: SegExprFunc */
} SegExprNodeKind;

typedef enum
{
  SEG_EXPR_ADD,
  SEG_EXPR_SUB,
  SEG_EXPR_MUL,
  SEG_EXPR_DIV,
} SegExprArith;

typedef enum
{
  SEG_EXPR_LT,
  SEG_EXPR_LE,
  SEG_EXPR_GT,
  SEG_EXPR_GE,
  SEG_EXPR_EQ,
  SEG_EXPR_NE,
} SegExprCmp;

typedef enum
{
  SEG_EXPR_FN_LOG1P,
  SEG_EXPR_FN_SQRT,
  SEG_EXPR_FN_ABS,
  SEG_EXPR_FN_MIN,
  SEG_EXPR_FN_MAX,
  SEG_EXPR_FN_DAYS_BETWEEN,
  SEG_EXPR_FN_IF,
  SEG_EXPR_FN_IS_MISSING,
  SEG_EXPR_N_FUNCS
} SegExprFunc;

typedef struct _SegExprNode SegExprNode;

typedef enum
{
  TOK_END,
  TOK_NUMBER,
  TOK_STRING,
  TOK_DATE,
  TOK_IDENT,
  TOK_QIDENT,
  TOK_LPAREN,
  TOK_RPAREN,
  TOK_COMMA,
  TOK_PLUS,
  TOK_MINUS,
  TOK_STAR,
  TOK_SLASH,
  /* in the order of SegExprCmp */
  TOK_LT,
  TOK_LE,
  TOK_GT,
  TOK_GE,
  TOK_EQ,
  TOK_NE,
  /* keywords */
  TOK_AND,
  TOK_OR,
  TOK_NOT,
  TOK_TRUE,
  TOK_FALSE,
} SegExprTokKind;

typedef struct
{
  SegExprTokKind kind;
  const char    *start;   /* into the parsed text */
  gsize          len;     /* bytes */
  double         num;     /* NUMBER, DATE */
  char          *str;     /* STRING, IDENT, QIDENT: the unescaped text (owned) */
} SegExprToken;

/* The state of one parse (seg-expr.c), read by the tokenizer. */
typedef struct
{
  const char  *base;      /* positions count characters from here */
  const char  *p;         /* next byte to read */
  SegExprToken tok;       /* the current token */
  GPtrArray   *columns;   /* char*, names in order of appearance */
  guint        nesting;   /* levels of nesting in progress */
} SegExprParser;

/* The tokenizer (seg-expr-lexer.c).  seg_expr_lex_next() reads the next token
 * into ps->tok, freeing the previous one's text. */
gboolean    seg_expr_lex_next          (SegExprParser       *ps,
                                        GError             **error);
/* TRUE when the next non-space character is “(”, without reading it. */
gboolean    seg_expr_lex_peek_lparen   (const SegExprParser *ps);
/* 1-based character positions, counted from ps->base. */
guint       seg_expr_lex_position      (const SegExprParser *ps);
guint       seg_expr_lex_char_position (const SegExprParser *ps,
                                        const char          *at);
/* How an error message quotes a token.  Returns: (transfer full). */
char       *seg_expr_lex_token_text    (const SegExprToken  *tok);

struct _SegExprNode
{
  SegExprNodeKind kind;
  guint           position;     /* 1-based character of the token that made it */
  guint           op;
  guint           depth;        /* height of the subtree, for the nesting limit */
  SegValueKind    type;         /* what it yields; SEG_VALUE_MISSING = not known yet */
  gboolean        floor_dates;  /* CMP between two dates: compare calendar days */
  SegValue        value;        /* CONST (a text literal may be turned into a date) */
  char           *text;         /* CONST: the text literal; COLUMN: the name */
  guint           index;        /* COLUMN: bound index */
  SegColumnType   column_type;  /* COLUMN: bound type */
  gboolean        resolved;     /* COLUMN: index and column_type are set */
  const SegColumn *column;      /* COLUMN: the column of SegExpr.table, or NULL */
  SegExprNode   **args;
  guint           n_args;
};

struct _SegExpr
{
  gatomicrefcount ref_count;
  char           *text;
  SegExprNode    *root;
  GPtrArray      *columns;      /* char*, in order of appearance */
  gboolean        bound;
  SegTable       *table;        /* bound by seg_expr_bind_table() (a reference
                                   that keeps the cached columns alive), or NULL */
};

void        seg_expr_node_free (SegExprNode *node);
const char *seg_expr_function_name (SegExprFunc fn);

/* "at character N: …" in SEG_ERROR_EXPRESSION. */
void        seg_expr_set_error (GError    **error,
                                guint       position,
                                const char *format,
                                ...) G_GNUC_PRINTF (3, 4);

/* The closest of @candidates to @name by edit distance, ignoring case, or
 * NULL when none is close enough.  Returns: (transfer none). */
const char *seg_expr_suggest   (const char         *name,
                                const char * const *candidates);

/* Infers every node's type and rejects what cannot work.  With @bound FALSE,
 * columns are of unknown type and only literals are checked. */
gboolean    seg_expr_check     (SegExprNode *root,
                                gboolean     bound,
                                GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SegExprNode, seg_expr_node_free)

G_END_DECLS
