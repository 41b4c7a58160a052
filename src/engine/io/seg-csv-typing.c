/* seg-csv-typing.c — the type of each column of a delimited file, from all of its values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader (seg-csv.c) collects every column as raw strings; this
 * file types and converts one column at a time.
 */
#define G_LOG_DOMAIN "seg-csv"

#include "config.h"

#include <csv.h>
#include <inttypes.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-csv-private.h"
#include "seg-csv.h"
#include "seg-error.h"
#include "seg-parse.h"
#include "seg-sniff.h"

/* ---- column typing ----------------------------------------------------------
 *
 * A column takes the first type that reads its values: number, date,
 * boolean, else text.  Missing markers (seg_parse_is_missing) do not count.
 * A type is kept when at most 1 in 100 of the other values cannot be read
 * (those cells become missing and are reported as problems); 1 % keeps
 * e.g. invoice numbers with "C" cancellations (1.7 % of online_retail) as
 * text.  Numbers are refused, whatever the share, when a value is a code
 * mixing letters and digits ("C536379", "85123A") or an integer with a
 * leading zero ("00123"), so that identifiers stay text.
 */

typedef struct
{
  SegColumnType type;
  double       *num;
  char        **text;
  char         *format;
  GArray       *bad;       /* guint64 rows that could not be read */
  guint64       n_good;
  guint64       n_missing;
} Typed;

typedef struct
{
  gboolean      forced;
  gboolean      decimal_comma;
  SegDateFormat date_format;
  guint         flags;
  gboolean      timed;
  gboolean      leading_zero;
  gboolean      code_like;
  gboolean      all_compact;
  const char   *example;      /* the value with a leading zero */
} CellContext;

typedef gboolean (*CellParser) (const char  *cell,
                                CellContext *x,
                                double      *out);

static void
typed_clear (Typed *t)
{
  g_clear_pointer (&t->num, g_free);
  g_clear_pointer (&t->bad, g_array_unref);
  g_clear_pointer (&t->format, g_free);
  t->text = NULL;
  t->n_good = t->n_missing = 0;
}

gboolean
seg_csv_few_bad (guint64 good,
                 guint64 bad)
{
  return good > 0 && bad * 100 <= good + bad;
}

static gboolean
is_compact8 (const char *cell)
{
  for (int i = 0; i < 8; i++)
    if (!g_ascii_isdigit (cell[i]))
      return FALSE;
  return cell[8] == '\0';
}

gboolean
seg_csv_has_leading_zero (const char *cell)
{
  g_return_val_if_fail (cell != NULL, FALSE);
  while (*cell == ' ')
    cell++;
  if (*cell == '-' || *cell == '+')
    cell++;
  return cell[0] == '0' && g_ascii_isdigit (cell[1]);
}

gboolean
seg_csv_is_code_like (const char *cell)
{
  gboolean letter = FALSE, digit = FALSE;

  g_return_val_if_fail (cell != NULL, FALSE);
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (g_ascii_isalpha (*p))
        letter = TRUE;
      else if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (*p != '-' && *p != '_' && *p != '/')
        return FALSE;
    }
  return letter && digit;
}

static gboolean
parse_number_cell (const char  *cell,
                   CellContext *x,
                   double      *out)
{
  guint flags = 0;

  if (x->all_compact && !is_compact8 (cell))
    x->all_compact = FALSE;
  if (!seg_parse_number_full (cell, x->decimal_comma, out, &flags))
    {
      if (seg_csv_is_code_like (cell))
        x->code_like = TRUE;
      return FALSE;
    }
  if (seg_csv_has_leading_zero (cell))
    x->leading_zero = TRUE;
  x->flags |= flags;
  return TRUE;
}

static gboolean
parse_date_cell (const char  *cell,
                 CellContext *x,
                 double      *out)
{
  gboolean timed = FALSE;

  if (!seg_parse_date_full (cell, x->date_format, out, &timed))
    return FALSE;
  x->timed |= timed;
  return TRUE;
}

static gboolean
parse_boolean_cell (const char  *cell,
                    CellContext *x,
                    double      *out)
{
  return seg_parse_boolean (cell, out);
}

/* Reads every cell with @parse; FALSE when too many cannot be read. */
static gboolean
convert_cells (const RawColumn *c,
               CellParser       parse,
               CellContext     *x,
               Typed           *t)
{
  guint64 limit = x->forced ? G_MAXUINT64 : c->n / 100;

  typed_clear (t);
  t->num = g_new (double, MAX (c->n, 1));
  t->bad = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint64 i = 0; i < c->n; i++)
    {
      const char *cell = raw_cell (c, i);
      if (seg_parse_is_missing (cell))
        {
          t->num[i] = NAN;
          t->n_missing++;
        }
      else if (parse (cell, x, &t->num[i]))
        t->n_good++;
      else
        {
          t->num[i] = NAN;
          g_array_append_val (t->bad, i);
          if (t->bad->len > limit || (x->code_like && !x->forced))
            return FALSE;
        }
      if (x->leading_zero && !x->forced && parse == parse_number_cell)
        {
          x->example = cell;
          return FALSE;
        }
    }
  return x->forced || (seg_csv_few_bad (t->n_good, t->bad->len) && !x->code_like);
}

char *
seg_csv_number_format (guint flags)
{
  GPtrArray *parts = g_ptr_array_new ();
  char *out;

  if (flags & SEG_NUMBER_CURRENCY)
    g_ptr_array_add (parts, (gpointer) _("currency"));
  if (flags & SEG_NUMBER_PERCENT)
    g_ptr_array_add (parts, (gpointer) _("percent"));
  if (flags & SEG_NUMBER_DECIMAL_COMMA)
    g_ptr_array_add (parts, (gpointer) _("decimal comma"));
  if (flags & SEG_NUMBER_THOUSANDS)
    g_ptr_array_add (parts, (gpointer) _("thousands separators"));
  if (flags & SEG_NUMBER_ACCOUNTING)
    g_ptr_array_add (parts, (gpointer) _("accounting negatives"));
  g_ptr_array_add (parts, NULL);
  out = parts->len > 1 ? g_strjoinv (", ", (char **) parts->pdata) : NULL;
  g_ptr_array_free (parts, TRUE);
  return out;
}

static gboolean
header_hints_date (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return strstr (lower, "date") != NULL || strstr (lower, "day") != NULL
         || strstr (lower, "time") != NULL || strstr (lower, "dob") != NULL
         || g_str_has_suffix (lower, "_dt") || g_str_has_prefix (lower, "dt_")
         || strcmp (lower, "dt") == 0;
}

static gboolean
try_number (Reader     *r,
            RawColumn  *c,
            const char *name,
            gboolean    forced,
            Typed      *t)
{
  CellContext x = { .forced = forced, .decimal_comma = r->sniff.decimal_comma, .all_compact = TRUE };
  gboolean ok = convert_cells (c, parse_number_cell, &x, t);

  if (!forced && x.all_compact && t->n_good > 0 && t->bad->len == 0)
    {
      /* YYYYMMDD: all valid dates, or a few bad ones when the header says date */
      Typed d = { 0 };
      CellContext dx = { .forced = FALSE, .date_format = SEG_DATE_COMPACT };
      gboolean hint = header_hints_date (name);
      if (convert_cells (c, parse_date_cell, &dx, &d) && (hint || d.bad->len == 0))
        {
          typed_clear (t);
          *t = d;
          t->type = SEG_COLUMN_DATE;
          t->format = g_strdup ("YYYYMMDD");
          return TRUE;
        }
      typed_clear (&d);
    }
  if (!ok && x.leading_zero && !forced)
    {
      g_autofree char *notice = g_strdup_printf (
          _("Column “%s” has values with leading zeros, such as “%s”: kept as text so that "
            "identifiers stay intact."), name, x.example);
      seg_table_add_notice (r->table, notice);
    }
  if (!ok)
    return FALSE;
  t->type = SEG_COLUMN_NUMBER;
  t->format = seg_csv_number_format (x.flags);
  return TRUE;
}

typedef struct
{
  guint64     iso;
  guint64     parts;
  guint64     day_first;    /* first part above 12 */
  guint64     month_first;  /* second part above 12 */
  guint64     non_missing;
  char        sep;
  const char *day_example;
  const char *month_example;
} DateScan;

static void
scan_dates (const RawColumn *c,
            DateScan        *s)
{
  memset (s, 0, sizeof *s);
  for (guint64 i = 0; i < c->n; i++)
    {
      const char *cell = raw_cell (c, i);
      int a, b;
      char sep;
      if (seg_parse_is_missing (cell))
        continue;
      s->non_missing++;
      if (seg_parse_looks_iso (cell))
        s->iso++;
      else if (seg_parse_date_parts (cell, &a, &b, &sep))
        {
          s->parts++;
          s->sep = s->sep ? s->sep : sep;
          if (a > 12 && b <= 12 && s->day_first++ == 0)
            s->day_example = cell;
          if (b > 12 && a <= 12 && s->month_first++ == 0)
            s->month_example = cell;
        }
      if (i >= 1000 && s->iso + s->parts < s->non_missing / 2)
        return;  /* not dates: stop early */
    }
}

/* DD/MM or MM/DD from the values; sets a notice for the user. */
static SegDateFormat
pick_day_order (Reader         *r,
                const DateScan *s,
                const char     *name,
                char          **notice)
{
  int day_first = r->options->day_first;

  if (day_first == 1 || day_first == 0)
    {
      *notice = g_strdup_printf (_("Column “%s”: dates read as %s, as set in the import options."),
                                 name, day_first ? _("day/month/year") : _("month/day/year"));
      return day_first ? SEG_DATE_DMY : SEG_DATE_MDY;
    }
  if (s->day_first > 0 && s->day_first >= s->month_first)
    {
      *notice = g_strdup_printf (_("Column “%s”: dates read as day/month/year because values such as "
                                   "“%s” have a first part above 12."), name, s->day_example);
      return SEG_DATE_DMY;
    }
  if (s->month_first > 0)
    {
      *notice = g_strdup_printf (_("Column “%s”: dates read as month/day/year because values such as "
                                   "“%s” have a second part above 12."), name, s->month_example);
      return SEG_DATE_MDY;
    }
  if (s->sep == '.')
    {
      *notice = g_strdup_printf (_("Column “%s”: no value tells day and month apart; dates with dots "
                                   "are read as day.month.year."), name);
      return SEG_DATE_DMY;
    }
  *notice = g_strdup_printf (_("Column “%s”: no value tells day and month apart; dates are read as "
                               "month/day/year (change it in the import options if they are day/month)."),
                             name);
  return SEG_DATE_MDY;
}

static char *
date_format_name (SegDateFormat format,
                  char          sep,
                  gboolean      timed)
{
  const char *time = timed ? " HH:MM:SS" : "";

  switch (format)
    {
    case SEG_DATE_ISO:
      return g_strconcat ("YYYY-MM-DD", time, NULL);
    case SEG_DATE_DMY:
      return g_strdup_printf ("DD%cMM%cYYYY%s", sep, sep, time);
    case SEG_DATE_MDY:
      return g_strdup_printf ("MM%cDD%cYYYY%s", sep, sep, time);
    case SEG_DATE_COMPACT:
    default:
      return g_strdup ("YYYYMMDD");
    }
}

static gboolean
try_date (Reader     *r,
          RawColumn  *c,
          const char *name,
          gboolean    forced,
          Typed      *t)
{
  DateScan s;
  CellContext x = { .forced = forced, .date_format = SEG_DATE_ISO };
  g_autofree char *notice = NULL;

  scan_dates (c, &s);
  if (s.iso + s.parts == 0 || (!forced && (s.iso + s.parts) * 2 < s.non_missing))
    return forced ? convert_cells (c, parse_date_cell, &x, t) : FALSE;
  if (s.parts > s.iso)
    x.date_format = pick_day_order (r, &s, name, &notice);
  if (!convert_cells (c, parse_date_cell, &x, t))
    {
      g_autofree char *fmt = date_format_name (x.date_format, s.sep ? s.sep : '/', FALSE);
      g_autofree char *msg = NULL;
      if (s.iso > 0 && s.parts > 0)
        msg = g_strdup_printf (_("Column “%s” mixes date formats (YYYY-MM-DD and %s); kept as text."),
                               name, x.date_format == SEG_DATE_ISO ? "DD/MM/YYYY" : fmt);
      else if (s.day_first > 0 && s.month_first > 0)
        msg = g_strdup_printf (_("Column “%s” mixes day/month and month/day dates; kept as text."), name);
      else
        msg = g_strdup_printf (_("Column “%s” looks like dates, but many values do not read as %s; "
                                 "kept as text."), name, fmt);
      seg_table_add_notice (r->table, msg);
      return FALSE;
    }
  if (notice != NULL)
    seg_table_add_notice (r->table, notice);
  t->type = SEG_COLUMN_DATE;
  t->format = date_format_name (x.date_format, s.sep ? s.sep : '/', x.timed);
  return TRUE;
}

static gboolean
try_boolean (RawColumn *c,
             gboolean   forced,
             Typed     *t)
{
  CellContext x = { .forced = forced };

  if (!convert_cells (c, parse_boolean_cell, &x, t))
    return FALSE;
  t->type = SEG_COLUMN_BOOLEAN;
  t->format = g_strdup ("true/false");
  return TRUE;
}

/* Text cells go into the table's string pool: ids and categories repeat,
 * and a million separate allocations cost more than the parsing. */
static void
make_text (Reader    *r,
           RawColumn *c,
           Typed     *t)
{
  typed_clear (t);
  t->type = SEG_COLUMN_TEXT;
  t->text = g_new (char *, MAX (c->n, 1));
  for (guint64 i = 0; i < c->n; i++)
    {
      const char *cell = raw_cell (c, i);
      t->text[i] = seg_parse_is_missing (cell) ? NULL : (char *) seg_table_intern (r->table, cell);
    }
}

static int
forced_type (Reader     *r,
             const char *name)
{
  gpointer v;

  if (r->options->column_types == NULL)
    return -1;
  v = g_hash_table_lookup (r->options->column_types, name);
  return v != NULL ? GPOINTER_TO_INT (v) - 1 : -1;
}

/* The messages for a cell that does not fit its column's type; shared with
 * the streaming pass over large logs so both say the same. */
char *
seg_csv_bad_cell_message (SegColumnType type,
                          const char   *format,
                          const char   *value)
{
  const char *what = type == SEG_COLUMN_DATE ? _("a date")
                     : type == SEG_COLUMN_BOOLEAN ? _("true or false") : _("a number");
  g_autofree char *shown = NULL;

  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (type != SEG_COLUMN_DATE || format != NULL, NULL);
  shown = seg_csv_shown_value (value);
  if (type == SEG_COLUMN_DATE)
    return g_strdup_printf (_("expected a date like %s, found “%s”; the cell is left empty"),
                            format, shown);
  return g_strdup_printf (_("expected %s, found “%s”; the cell is left empty"), what, shown);
}

char *
seg_csv_bad_cells_notice (SegColumnType type,
                          const char   *name,
                          guint64       n_bad)
{
  const char *what = type == SEG_COLUMN_DATE ? _("a date")
                     : type == SEG_COLUMN_BOOLEAN ? _("true or false") : _("a number");

  g_return_val_if_fail (name != NULL, NULL);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Column “%s”: %u value is not %s and is left empty.",
                                       "Column “%s”: %u values are not %s and are left empty.",
                                       (gulong) n_bad),
                          name, (guint) n_bad, what);
}

static void
report_bad_cells (Reader          *r,
                  guint            index,
                  const SegColumn *column,
                  const Typed     *t,
                  const RawColumn *c)
{
  const SegReadReport *report = seg_table_get_report (r->table);
  g_autofree char *notice = NULL;

  for (guint i = 0; i < t->bad->len; i++)
    {
      guint64 row = g_array_index (t->bad, guint64, i);
      guint64 line = g_array_index (r->row_lines, guint64, row);
      g_autofree char *msg = NULL;
      if (report->problems->len < 100)
        msg = seg_csv_bad_cell_message (t->type, column->format, raw_cell (c, row));
      seg_table_add_problem (r->table, line, index + 1, msg != NULL ? msg : "");
    }
  notice = seg_csv_bad_cells_notice (t->type, column->name, t->bad->len);
  seg_table_add_notice (r->table, notice);
}

void
seg_csv_type_column (Reader     *r,
                     guint       index,
                     const char *name)
{
  RawColumn *c = &r->cols[index];
  Typed t = { 0 };
  int forced = forced_type (r, name);
  SegColumn *column;

  if (forced == SEG_COLUMN_NUMBER)
    try_number (r, c, name, TRUE, &t);
  else if (forced == SEG_COLUMN_DATE)
    try_date (r, c, name, TRUE, &t);
  else if (forced == SEG_COLUMN_BOOLEAN)
    try_boolean (c, TRUE, &t);
  else if (forced == SEG_COLUMN_TEXT
           || !(try_number (r, c, name, FALSE, &t) || try_date (r, c, name, FALSE, &t)
                || try_boolean (c, FALSE, &t)))
    make_text (r, c, &t);

  if (forced == SEG_COLUMN_DATE && t.format == NULL)
    {
      t.type = SEG_COLUMN_DATE;
      t.format = g_strdup ("YYYY-MM-DD");
    }
  column = seg_table_add_column (r->table, name, t.type, c->n, g_steal_pointer (&t.num),
                                 g_steal_pointer (&t.text));
  column->format = g_steal_pointer (&t.format);
  column->interned = t.type == SEG_COLUMN_TEXT;
  if (r->options->preview && t.type != SEG_COLUMN_TEXT)
    {
      /* where the streaming pass puts this column's notice, if it has one */
      g_autofree char *mark = g_strdup_printf ("%c%u", SEG_CSV_NOTICE_MARK, index);
      seg_table_add_notice (r->table, mark);
    }
  else if (t.bad != NULL && t.bad->len > 0 && t.type != SEG_COLUMN_TEXT)
    report_bad_cells (r, index, column, &t, c);
  typed_clear (&t);
}
