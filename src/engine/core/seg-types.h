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

const char  *seg_column_type_to_string (SegColumnType type);
gboolean     seg_column_type_from_string (const char    *str,
                                          SegColumnType *type);
const char  *seg_file_role_to_string   (SegFileRole role);
gboolean     seg_file_role_from_string (const char  *str,
                                        SegFileRole *role);
const char  *seg_field_role_to_string  (SegFieldRole role);
gboolean     seg_field_role_from_string (const char   *str,
                                         SegFieldRole *role);

G_END_DECLS
