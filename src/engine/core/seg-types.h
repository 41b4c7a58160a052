/* seg-types.h — forward typedefs and shared enums of the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SegTable     SegTable;
typedef struct _SegColumn    SegColumn;
typedef struct _SegReadReport SegReadReport;
typedef struct _SegProblem   SegProblem;
typedef struct _SegExpr      SegExpr;

/* The type of a column, as the reader detects it or the user overrides it. */
typedef enum
{
  SEG_COLUMN_TEXT,
  SEG_COLUMN_NUMBER,
  SEG_COLUMN_DATE,
  SEG_COLUMN_BOOLEAN,
} SegColumnType;

/* What a whole file is. */
typedef enum
{
  SEG_FILE_ROLE_UNKNOWN,
  SEG_FILE_ROLE_CUSTOMERS,
  SEG_FILE_ROLE_TRANSACTIONS,
  SEG_FILE_ROLE_ACTIVITY,
} SegFileRole;

/* What one column means.  Keep seg_field_role_to_string() in step. */
typedef enum
{
  SEG_FIELD_NONE,
  SEG_FIELD_CUSTOMER_ID,
  SEG_FIELD_DATE,
  SEG_FIELD_AMOUNT,
  SEG_FIELD_TXN_ID,
  SEG_FIELD_CATEGORY,
  SEG_FIELD_QUANTITY,
  SEG_FIELD_UNIT_PRICE,
  SEG_FIELD_REGISTRATION_DATE,
  SEG_FIELD_LAST_LOGIN_DATE,
  SEG_FIELD_FREQUENCY,
  SEG_FIELD_RECENCY,
  SEG_FIELD_T,
  SEG_FIELD_MONETARY_VALUE,
  SEG_N_FIELD_ROLES
} SegFieldRole;

/* How time is counted in purchase summaries: days, or day counts ÷ 7
 * (lifetimes freq="D" with freq_multiplier=7, not calendar weeks). */
typedef enum
{
  SEG_TIME_UNIT_DAYS,
  SEG_TIME_UNIT_WEEKS,
} SegTimeUnit;

/* Called from a worker thread with a fraction in [0, 1] and a short message. */
typedef void (*SegProgressFunc) (double      fraction,
                                 const char *message,
                                 gpointer    user_data);

/**
 * seg_column_type_to_string:
 * @type: a column type
 *
 * Returns: (transfer none): its word in files and summary.json ("text",
 *   "number", "date", "boolean")
 */
const char  *seg_column_type_to_string (SegColumnType type);
/**
 * seg_column_type_from_string:
 * @str: (nullable): a word seg_column_type_to_string () gives
 * @type: (out): the type it names
 *
 * Returns: %FALSE, leaving @type as it was, when @str names none
 */
gboolean     seg_column_type_from_string (const char    *str,
                                          SegColumnType *type);
/**
 * seg_file_role_to_string:
 * @role: a file role
 *
 * Returns: (transfer none): its word ("unknown", "customers",
 *   "transactions", "activity")
 */
const char  *seg_file_role_to_string   (SegFileRole role);
/**
 * seg_file_role_from_string:
 * @str: (nullable): a word seg_file_role_to_string () gives
 * @role: (out): the role it names
 *
 * Returns: %FALSE, leaving @role as it was, when @str names none
 */
gboolean     seg_file_role_from_string (const char  *str,
                                        SegFileRole *role);
/**
 * seg_field_role_to_string:
 * @role: a column role
 *
 * Returns: (transfer none): its word ("customer_id", "date", "amount", …)
 */
const char  *seg_field_role_to_string  (SegFieldRole role);
/**
 * seg_field_role_from_string:
 * @str: (nullable): a word seg_field_role_to_string () gives
 * @role: (out): the role it names
 *
 * Returns: %FALSE, leaving @role as it was, when @str names none
 */
gboolean     seg_field_role_from_string (const char   *str,
                                         SegFieldRole *role);

G_END_DECLS
