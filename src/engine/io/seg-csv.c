/* seg-csv.c — read a delimited text file into a typed SegTable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass with libcsv over the decoded text collects the cells of each
 * column as raw strings (one arena per column, no allocation per cell);
 * each column is then typed from all of its values and converted, and its
 * raw strings freed.  See seg-csv.h for the rules.
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
#include "seg-source.h"

#define CHUNK_SIZE       (64 * 1024)
#define SNIFF_SIZE       (64 * 1024)
#define SNIFF_MAX        (1024 * 1024)   /* the longest field allowed */
#define SNIFF_MIN_LINES  3   /* line breaks (CR or LF) the sniffer's sample must hold, if the file has them */
#define MAX_FIELD_BYTES  (1024 * 1024)
#define ROWS_PER_CHECK   4096

/* libcsv's parser states (csv_parser.pstate); FIELD_BEGUN while inside a field. */
#define LIBCSV_FIELD_BEGUN 2

void
seg_read_options_init (SegReadOptions *options)
{
  g_return_if_fail (options != NULL);
  options->delimiter = 0;
  options->has_header = -1;
  options->encoding = NULL;
  options->column_types = NULL;
  options->day_first = -1;
  options->preview = FALSE;
}

/* ---- raw columns ------------------------------------------------------- */

static gboolean
raw_append (RawColumn  *c,
            const char *s,
            gsize       len)
{
  if (G_UNLIKELY (c->n == c->n_alloc))
    {
      c->n_alloc = MAX (c->n_alloc * 2, 1024);
      c->offsets = g_renew (guint32, c->offsets, c->n_alloc);
    }
  if (G_UNLIKELY (c->len + len + 1 > c->alloc))
    {
      if (c->len + len + 1 > G_MAXUINT32)
        return FALSE;
      c->alloc = MIN (MAX (c->alloc * 2, c->len + len + 1 + 4096), (gsize) G_MAXUINT32);
      c->data = g_realloc (c->data, c->alloc);
    }
  c->offsets[c->n++] = (guint32) c->len;
  memcpy (c->data + c->len, s, len);
  c->data[c->len + len] = '\0';
  c->len += len + 1;
  return TRUE;
}

static void
raw_truncate (RawColumn *c,
              guint64    n)
{
  if (c->n > n)
    {
      c->len = c->offsets[n];
      c->n = n;
    }
}

static void
raw_clear (RawColumn *c)
{
  g_clear_pointer (&c->data, g_free);
  g_clear_pointer (&c->offsets, g_free);
  c->len = c->alloc = 0;
  c->n = c->n_alloc = 0;
}

/* A value for a message: at most SHOWN_VALUE_MAX characters. */
char *
seg_csv_shown_value (const char *value)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (value, SHOWN_VALUE_MAX * 4 + 1) <= SHOWN_VALUE_MAX)
    return g_strdup (value);
  head = g_utf8_substring (value, 0, SHOWN_VALUE_MAX);
  return g_strconcat (head, "…", NULL);
}

/* ---- errors ------------------------------------------------------------- */

static void
reader_fail (Reader      *r,
             SegErrorCode code,
             guint64      line,
             guint        column,
             const char  *message)
{
  if (r->error == NULL)
    seg_error_set_at (&r->error, code, r->name, line, column, "%s", message);
  r->stop = TRUE;
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case '\t':
      return _("a tab");
    case ' ':
      return _("spaces");
    case ';':
      return "“;”";
    case '|':
      return "“|”";
    default:
      return "“,”";
    }
}

/* ---- libcsv callbacks ---------------------------------------------------- */

static guint
count_line_breaks (const char *s,
                   gsize       len)
{
  guint n = 0;
  gsize i = 0;

  while (i < len && ((guchar) s[i] > '\r' || (s[i] != '\n' && s[i] != '\r')))
    i++;
  for (; i < len; i++)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
      n++;
  return n;
}

static gboolean
is_blank_text (const char *s,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (s[i] != ' ' && s[i] != '\t')
      return FALSE;
  return TRUE;
}

static void
field_too_long (Reader *r,
                guint64 line,
                guint   column)
{
  g_autofree char *msg = g_strdup_printf (
      _("a field is longer than 1 MiB (1,048,576 bytes); expected short values. "
        "This usually means a quote (\") that opens here is never closed"));
  reader_fail (r, SEG_ERROR_PARSE, line, column, msg);
}

static void
on_field (void  *s,
          size_t len,
          void  *data)
{
  Reader *r = data;
  const char *text = s != NULL ? s : "";
  guint64 start_line = r->field_line;

  if (r->stop)
    return;
  r->raw_fields++;
  if (s == NULL && r->space_mode)
    return;
  if (len > 0)
    r->field_line += count_line_breaks (text, len);
  if (len > MAX_FIELD_BYTES)
    {
      field_too_long (r, start_line, r->field + 1);
      return;
    }
  if (r->in_header)
    g_ptr_array_add (r->header, g_strndup (text, len));
  else if (r->field < r->n_cols)
    {
      if (!raw_append (&r->cols[r->field], text, len))
        reader_fail (r, SEG_ERROR_PARSE, start_line, r->field + 1,
                     _("a column holds more than 4 GiB of text; this file is too large to open"));
    }
  else if (!is_blank_text (text, len))
    r->extra_text = TRUE;
  r->field++;
}

static void
start_columns (Reader *r,
               guint   n_cols)
{
  r->n_cols = n_cols;
  r->cols = g_new0 (RawColumn, MAX (n_cols, 1));
}

/* The message for a data row with @n fields where @n_cols were expected;
 * @first_cell, when it is the only one, may show that the line uses another
 * separator.  Shared with the streaming pass over large files. */
char *
seg_csv_ragged_message (guint       n_cols,
                        guint       n,
                        const char *first_cell,
                        char        delimiter)
{
  const char *other = NULL;

  if (n == 1 && n_cols > 1 && first_cell != NULL)
    {
      if (delimiter != ';' && strchr (first_cell, ';') != NULL)
        other = "“;”";
      else if (delimiter != ',' && strchr (first_cell, ',') != NULL)
        other = "“,”";
      else if (delimiter != '\t' && strchr (first_cell, '\t') != NULL)
        other = _("a tab");
    }
  if (other != NULL)
    return g_strdup_printf (_("expected %u fields, found %u; row skipped "
                              "(this line seems to be separated by %s, not %s)"),
                            n_cols, n, other, delimiter_name (delimiter));
  return g_strdup_printf (_("expected %u fields, found %u; row skipped"), n_cols, n);
}

static void
report_ragged_row (Reader *r)
{
  guint n = r->field;
  const char *first = n == 1 && r->n_cols > 1 && r->cols[0].n > r->n_rows
                      ? raw_cell (&r->cols[0], r->n_rows) : NULL;
  g_autofree char *msg = seg_csv_ragged_message (r->n_cols, n, first, r->sniff.delimiter);

  seg_table_add_problem (r->table, r->row_line, MIN (n, r->n_cols) + 1, msg);
  if (r->n_skipped == 0)
    {
      r->first_bad_line = r->row_line;
      r->first_bad_found = n;
    }
}

static void
end_data_row (Reader *r)
{
  guint n = r->field;

  if (n == r->n_cols || (n > r->n_cols && !r->extra_text))
    {
      g_array_append_val (r->row_lines, r->row_line);
      r->n_rows++;
    }
  else
    {
      report_ragged_row (r);
      for (guint i = 0; i < MIN (n, r->n_cols); i++)
        raw_truncate (&r->cols[i], r->n_rows);
      r->n_skipped++;
    }
  if ((r->n_rows + r->n_skipped) % ROWS_PER_CHECK == 0
      && g_cancellable_is_cancelled (r->cancellable))
    {
      r->cancelled = TRUE;
      r->stop = TRUE;
    }
}

static void
on_row (int   c,
        void *data)
{
  Reader *r = data;

  if (r->stop)
    return;
  if (c != -1 && !(c == '\n' && r->last_term == '\r'))
    r->field_line++;
  r->last_term = c;
  if (r->field > 0)
    {
      if (r->in_header)
        {
          r->in_header = FALSE;
          r->header_line = r->row_line;
          start_columns (r, r->header->len);
        }
      else
        end_data_row (r);
    }
  r->field = 0;
  r->raw_fields = 0;
  r->extra_text = FALSE;
  r->row_line = r->field_line;
}

/* ---- decoding ------------------------------------------------------------ */

static guint64
line_of_offset (const char *text,
                gsize       offset,
                guint      *column)
{
  guint64 line = 1;
  const char *p = text, *end = text + offset, *nl;

  while ((nl = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      line++;
      p = nl + 1;
    }
  if (column != NULL)
    *column = (guint) g_utf8_strlen (p, end - p) + 1;
  return line;
}

/* Well-known binary formats, recognised by their first bytes. */
static const char *
binary_kind (const guchar *data,
             gsize         len)
{
  static const struct { const char *magic; gsize n; const char *what; } kinds[] = {
    { "\x89PNG", 4, N_("a PNG image") },
    { "PK\x03\x04", 4, N_("a ZIP archive (an Excel .xlsx workbook is one: save it as CSV first)") },
    { "\xd0\xcf\x11\xe0", 4, N_("an old Excel .xls workbook (save it as CSV first)") },
    { "\x1f\x8b", 2, N_("a gzip-compressed file (decompress it first)") },
    { "%PDF", 4, N_("a PDF document") },
    { "\xff\xd8\xff", 3, N_("a JPEG image") },
    { "GIF8", 4, N_("a GIF image") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (len >= kinds[i].n && memcmp (data, kinds[i].magic, kinds[i].n) == 0)
      return _(kinds[i].what);
  return NULL;
}

static gboolean
check_binary (Reader       *r,
              const guchar *data,
              gsize         len)
{
  const char *kind = binary_kind (data, len);
  const guchar *nul;

  if (kind != NULL)
    {
      g_autofree char *msg = g_strdup_printf (
          _("this is %s, not a CSV text file; expected rows of values separated by commas"), kind);
      reader_fail (r, SEG_ERROR_PARSE, 1, 0, msg);
      return FALSE;
    }
  nul = memchr (data, '\0', len);
  if (nul != NULL)
    {
      guint64 line = line_of_offset ((const char *) data, (gsize) (nul - data), NULL);
      reader_fail (r, SEG_ERROR_ENCODING, line, 0,
                   _("the file contains NUL bytes, so it is a binary file, not CSV text; "
                     "expected a text file exported as CSV"));
      return FALSE;
    }
  return TRUE;
}

/* Offset of the first byte that is not valid UTF-8, or @len. */
static gsize
first_invalid_utf8 (const guchar *data,
                    gsize         len)
{
  gsize i = 0;
  const char *end;

  /* ASCII fast path, 8 bytes at a time */
  while (i + 8 <= len)
    {
      guint64 w;
      memcpy (&w, data + i, 8);
      if (w & G_GUINT64_CONSTANT (0x8080808080808080))
        break;
      i += 8;
    }
  if (g_utf8_validate_len ((const char *) data + i, len - i, &end))
    return len;
  return (gsize) ((const guchar *) end - data);
}

static char *
convert_from (Reader       *r,
              const guchar *data,
              gsize         len,
              const char   *charset,
              gsize        *out_len)
{
  g_autoptr(GError) local = NULL;
  gsize read = 0;
  char *out = g_convert ((const char *) data, (gssize) len, "UTF-8", charset, &read, out_len, &local);

  if (out == NULL)
    {
      guint column;
      guint64 line = line_of_offset ((const char *) data, MIN (read, len), &column);
      g_autofree char *msg = g_strdup_printf (
          _("byte 0x%02X (character %u of the line) is not text in UTF-8 or %s; "
            "expected a text file: save it as “CSV UTF-8”"),
          read < len ? data[read] : 0, column,
          g_ascii_strcasecmp (charset, "WINDOWS-1252") == 0 ? "Windows-1252" : charset);
      reader_fail (r, SEG_ERROR_ENCODING, line, 0, msg);
    }
  return out;
}

static char *
decode_8bit (Reader       *r,
             const guchar *data,
             gsize         len,
             gsize         bad,
             const char   *encoding,
             gsize        *out_len)
{
  SegReadReport *report = seg_table_get_report_mut (r->table);
  g_autofree char *notice = NULL;
  guint column;
  guint64 line = line_of_offset ((const char *) data, bad, &column);
  char *text = convert_from (r, data, len, encoding, out_len);

  if (text == NULL)
    return NULL;
  g_free (report->encoding);
  report->encoding = g_strdup ("Windows-1252");
  if (r->options->encoding != NULL)
    notice = g_strdup (_("Read as Windows-1252, as set in the import options: converted from Windows-1252."));
  else if (report->bom)
    notice = g_strdup_printf (_("The file starts with a UTF-8 byte order mark, but line %"
                                PRIu64 " is not UTF-8: converted from Windows-1252."), line);
  else
    notice = g_strdup_printf (_("The file is not UTF-8 (first at line %" PRIu64
                                "): converted from Windows-1252."), line);
  seg_table_add_notice (r->table, notice);
  return text;
}

/* Returns the UTF-8 text (either @data itself or a new buffer in *owned). */
static const char *
decode (Reader       *r,
        const guchar *data,
        gsize         len,
        gsize        *out_len,
        char        **owned)
{
  SegReadReport *report = seg_table_get_report_mut (r->table);
  const char *forced = r->options->encoding;
  gsize bad;

  if (len >= 2 && ((data[0] == 0xff && data[1] == 0xfe) || (data[0] == 0xfe && data[1] == 0xff)))
    {
      const char *cs = data[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
      report->bom = TRUE;
      *owned = convert_from (r, data + 2, len - 2, cs, out_len);
      if (*owned == NULL)
        return NULL;
      g_free (report->encoding);
      report->encoding = g_strdup (cs);
      seg_table_add_notice (r->table, _("Converted from UTF-16."));
      data = (const guchar *) *owned;
      len = *out_len;
    }
  else if (len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    {
      report->bom = TRUE;
      data += 3;
      len -= 3;
    }
  if (!check_binary (r, data, len))
    return NULL;
  if (forced != NULL && g_ascii_strcasecmp (forced, "UTF-8") != 0)
    bad = 0;
  else
    bad = first_invalid_utf8 (data, len);
  if (bad < len && forced != NULL && g_ascii_strcasecmp (forced, "UTF-8") == 0)
    {
      guint column;
      guint64 line = line_of_offset ((const char *) data, bad, &column);
      g_autofree char *msg = g_strdup_printf (
          _("byte 0x%02X (character %u of the line) is not UTF-8 text; expected UTF-8, "
            "as set in the import options"), data[bad], column);
      reader_fail (r, SEG_ERROR_ENCODING, line, 0, msg);
      return NULL;
    }
  if (bad < len)
    {
      char *previous = *owned;  /* the UTF-16 conversion, if any */
      *owned = decode_8bit (r, data, len, bad, "WINDOWS-1252", out_len);
      g_free (previous);
      return *owned;
    }
  *out_len = len;
  return (const char *) data;
}

/* ---- whole-file checks ---------------------------------------------------- */

static gboolean
check_document (Reader     *r,
                const char *text,
                gsize       len)
{
  const char *p = text, *end = text + len;
  const char *what = NULL;

  while (p < end && g_ascii_isspace (*p))
    p++;
  if (p == end)
    {
      reader_fail (r, SEG_ERROR_PARSE, 0, 0,
                   len == 0 ? _("the file is empty; expected a header row and rows of data")
                            : _("the file holds only blank lines; expected a header row and rows of data"));
      return FALSE;
    }
  if (*p == '{' || (*p == '[' && end - p > 1 && strchr ("{[\"\n\r ", p[1]) != NULL))
    what = _("a JSON document");
  else if (*p == '<' && (g_ascii_strncasecmp (p, "<?xml", 5) == 0 || g_ascii_strncasecmp (p, "<!doctype", 9) == 0
                         || g_ascii_strncasecmp (p, "<html", 5) == 0))
    what = _("an HTML or XML document");
  if (what != NULL)
    {
      g_autofree char *msg = g_strdup_printf (
          _("this is %s, not a CSV table; expected rows of values separated by commas"), what);
      reader_fail (r, SEG_ERROR_PARSE, line_of_offset (text, (gsize) (p - text), NULL), 1, msg);
      return FALSE;
    }
  return TRUE;
}

/* How much of the text the sniffer looks at: 64 KiB, grown (doubling) until
 * it holds a few whole lines, so that a header of 11,000 columns (over
 * 64 KiB) is seen whole rather than as one cut line. */
static gsize
sniff_length (const char *text,
              gsize       len)
{
  gsize n = MIN (len, SNIFF_SIZE);

  while (n < len && n < SNIFF_MAX)
    {
      guint breaks = 0;

      for (const char *p = text; p < text + n && breaks < SNIFF_MIN_LINES; p++)
        breaks += *p == '\n' || *p == '\r';
      /* a first line that ends within 64 KiB: the sample is as before */
      if (breaks >= SNIFF_MIN_LINES || (n == SNIFF_SIZE && breaks > 0))
        break;
      n = MIN (len - n > n ? n * 2 : len, SNIFF_MAX);
    }
  return n;
}

static void
note_line_ends (Reader     *r,
                const char *text,
                gsize       len)
{
  SegReadReport *report = seg_table_get_report_mut (r->table);
  const char *p = text, *end = text + sniff_length (text, len);

  for (; p < end; p++)
    if (*p == '\r' || *p == '\n')
      break;
  if (p < end && *p == '\r')
    {
      if (p + 1 < text + len && p[1] == '\n')
        report->crlf = TRUE;
      else
        seg_table_add_notice (r->table, _("Lines end with a carriage return only (old Mac format)."));
    }
}

/* ---- parsing --------------------------------------------------------------- */

static void
report_progress (Reader *r,
                 double  fraction,
                 int    *last_percent)
{
  int percent = (int) (fraction * 100);

  if (r->progress == NULL || percent <= *last_percent)
    return;
  *last_percent = percent;
  r->progress (fraction, r->progress_message, r->user_data);
}

static void
parse_chunk (Reader            *r,
             struct csv_parser *parser,
             const char        *chunk,
             gsize              n)
{
  char buf[CHUNK_SIZE];

  if (r->space_mode)
    {
      /* runs of spaces: tabs count as spaces too */
      for (gsize i = 0; i < n; i++)
        buf[i] = chunk[i] == '\t' ? ' ' : chunk[i];
      chunk = buf;
    }
  if (csv_parse (parser, chunk, n, on_field, on_row, r) != n)
    reader_fail (r, SEG_ERROR_FAILED, r->row_line, 0, csv_strerror (csv_error (parser)));
  else if (parser->entry_pos > MAX_FIELD_BYTES)
    field_too_long (r, r->field_line, r->field + 1);
}

static void
parse_text (Reader     *r,
            const char *text,
            gsize       len)
{
  struct csv_parser parser;
  int last_percent = -1;

  csv_init (&parser, CSV_APPEND_NULL | CSV_REPALL_NL | CSV_EMPTY_IS_NULL);
  csv_set_delim (&parser, (unsigned char) r->sniff.delimiter);
  csv_set_quote (&parser, '"');
  csv_set_blk_size (&parser, 4096);
  r->row_line = r->field_line = r->first_line;
  for (gsize pos = 0; pos < len && !r->stop; pos += CHUNK_SIZE)
    {
      parse_chunk (r, &parser, text + pos, MIN (CHUNK_SIZE, len - pos));
      report_progress (r, 0.9 * (double) MIN (pos + CHUNK_SIZE, len) / (double) len, &last_percent);
    }
  if (!r->stop && parser.pstate == LIBCSV_FIELD_BEGUN && parser.quoted)
    reader_fail (r, SEG_ERROR_PARSE, r->field_line, r->field + 1,
                 _("a quoted field starts here but its closing quote (\") is missing; "
                   "expected a quote at the end of the field"));
  if (!r->stop)
    csv_fini (&parser, on_field, on_row, r);
  csv_free (&parser);
}

/* ---- column names ---------------------------------------------------------- */

static gboolean
name_taken (GPtrArray  *names,
            const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return TRUE;
  return FALSE;
}

static GPtrArray *
column_names (Reader *r)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < r->n_cols; i++)
    {
      g_autofree char *name = NULL;
      if (r->header != NULL && i < r->header->len)
        name = g_strstrip (g_strdup (g_ptr_array_index (r->header, i)));
      if (name == NULL || *name == '\0')
        {
          g_free (name);
          name = g_strdup_printf ("column_%u", i + 1);
        }
      if (name_taken (names, name))
        {
          char *renamed = NULL;
          g_autofree char *notice = NULL;
          for (guint k = 2; renamed == NULL || name_taken (names, renamed); k++)
            {
              g_free (renamed);
              renamed = g_strdup_printf ("%s_%u", name, k);
            }
          notice = g_strdup_printf (_("Two columns are called “%s”; column %u is renamed “%s”."),
                                    name, i + 1, renamed);
          seg_table_add_notice (r->table, notice);
          g_free (name);
          name = renamed;
        }
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  return names;
}

static void
build_table (Reader *r)
{
  g_autoptr(GPtrArray) names = column_names (r);

  for (guint i = 0; i < r->n_cols && !r->cancelled; i++)
    {
      seg_csv_type_column (r, i, g_ptr_array_index (names, i));
      raw_clear (&r->cols[i]);
      if (g_cancellable_is_cancelled (r->cancellable))
        r->cancelled = TRUE;
    }
  /* messages about rows (a repeated id, a placeholder date) name their line */
  seg_table_set_row_lines (r->table, (const guint64 *) (gpointer) r->row_lines->data, r->row_lines->len);
}

/* ---- entry points ---------------------------------------------------------- */

static gboolean
check_counts (Reader *r)
{
  if (r->n_rows == 0 && r->n_skipped == 0)
    {
      reader_fail (r, SEG_ERROR_PARSE, r->header_line + 1, 0,
                   _("the file has a header row but no data rows; expected at least one row of "
                     "values below the header"));
      return FALSE;
    }
  if (r->n_skipped * 2 > r->n_rows + r->n_skipped)
    {
      g_autofree char *msg = g_strdup_printf (
          _("%" PRIu64 " of %" PRIu64 " rows have the wrong number of fields "
            "(expected %u, found %u here); expected every row to have the fields of the %s, "
            "separated by %s: check the separator and the quotes"),
          r->n_skipped, r->n_rows + r->n_skipped, r->n_cols, r->first_bad_found,
          r->sniff.has_header ? _("header") : _("first row"), delimiter_name (r->sniff.delimiter));
      reader_fail (r, SEG_ERROR_PARSE, r->first_bad_line, MIN (r->first_bad_found, r->n_cols) + 1, msg);
      return FALSE;
    }
  return TRUE;
}

static void
fill_report (Reader *r)
{
  SegReadReport *report = seg_table_get_report_mut (r->table);

  report->delimiter = r->sniff.delimiter;
  report->quote = r->sniff.quote;
  report->has_header = r->sniff.has_header;
  report->decimal_comma = r->sniff.decimal_comma;
  report->rows = r->n_rows;
  report->skipped = r->n_skipped;
}

static void
reader_init (Reader               *r,
             const char           *display_name,
             const SegReadOptions *options,
             GCancellable         *cancellable,
             SegProgressFunc       progress,
             gpointer              user_data)
{
  g_autofree char *base = g_path_get_basename (display_name);

  memset (r, 0, sizeof *r);
  r->name = display_name;
  r->options = options;
  r->cancellable = cancellable;
  r->progress = progress;
  r->user_data = user_data;
  r->progress_message = g_strdup_printf (_("Reading %s…"), base);
  r->table = seg_source_table_new (display_name);
  r->row_lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  r->last_term = -1;
  r->first_line = 1;
}

static void
reader_clear (Reader *r)
{
  for (guint i = 0; r->cols != NULL && i < r->n_cols; i++)
    raw_clear (&r->cols[i]);
  g_free (r->cols);
  g_clear_pointer (&r->header, g_ptr_array_unref);
  g_clear_pointer (&r->row_lines, g_array_unref);
  g_clear_pointer (&r->table, seg_table_unref);
  g_clear_error (&r->error);
  g_free (r->progress_message);
}

/* Excel writes "sep=;" as a first line to name the delimiter: obey and skip it. */
static char
excel_separator_line (Reader      *r,
                      const char **text,
                      gsize       *len)
{
  const char *p = *text;
  char delimiter;

  if (*len < 5 || g_ascii_strncasecmp (p, "sep=", 4) != 0 || strchr (",;\t| ", p[4]) == NULL)
    return 0;
  delimiter = p[4];
  p += 5;
  if (p < *text + *len && *p == '\r')
    p++;
  if (p < *text + *len && *p == '\n')
    p++;
  else if (p < *text + *len && p[-1] != '\r')
    return 0;
  *len -= (gsize) (p - *text);
  *text = p;
  r->first_line = 2;
  return delimiter;
}

static void
read_text (Reader     *r,
           const char *text,
           gsize       len)
{
  const SegReadOptions *o = r->options;
  char sep_line = excel_separator_line (r, &text, &len);
  char delimiter = o->delimiter != 0 ? o->delimiter : sep_line;

  gsize sample = sniff_length (text, len);

  note_line_ends (r, text, len);
  seg_table_get_report_mut (r->table)->sniffed_all = sample >= len;
  seg_sniff_dialect (text, sample, len > sample, delimiter, o->has_header, &r->sniff);
  r->space_mode = r->sniff.delimiter == ' ';
  r->in_header = r->sniff.has_header;
  if (r->in_header)
    r->header = g_ptr_array_new_with_free_func (g_free);
  else
    start_columns (r, r->sniff.n_fields);
  parse_text (r, text, len);
  if (!r->stop && r->in_header)
    {
      /* blank apart from the header row */
      r->header_line = r->row_line;
      r->in_header = FALSE;
      start_columns (r, r->header->len);
    }
  if (!r->stop && check_counts (r))
    build_table (r);
  if (r->cancelled)
    {
      g_clear_error (&r->error);
      g_set_error (&r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Reading %s was cancelled"), r->name);
    }
}

SegTable *
seg_csv_read_bytes (GBytes               *bytes,
                    const char           *display_name,
                    const SegReadOptions *options,
                    GCancellable         *cancellable,
                    SegProgressFunc       progress,
                    gpointer              user_data,
                    GError              **error)
{
  SegReadOptions defaults;
  Reader r;
  char *owned = NULL;   /* freed by hand: gcc 12's analyser misreads a g_autofree
                         * here when a precondition returns early */
  const char *text;
  gsize len = 0, raw_len = 0;
  const guchar *raw;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      seg_read_options_init (&defaults);
      options = &defaults;
    }
  reader_init (&r, display_name != NULL ? display_name : "-", options, cancellable, progress, user_data);
  raw = g_bytes_get_data (bytes, &raw_len);
  if (progress != NULL)
    progress (0.0, r.progress_message, user_data);
  text = raw_len > 0 ? decode (&r, raw, raw_len, &len, &owned) : "";
  if (text != NULL && check_document (&r, text, len))
    read_text (&r, text, len);
  if (r.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&r.error));
      reader_clear (&r);
      g_free (owned);
      return NULL;
    }
  fill_report (&r);
  if (progress != NULL)
    progress (1.0, r.progress_message, user_data);
  {
    SegTable *table = g_steal_pointer (&r.table);
    reader_clear (&r);
    g_free (owned);
    return table;
  }
}

SegTable *
seg_csv_read (const char           *path,
              const SegReadOptions *options,
              GCancellable         *cancellable,
              SegProgressFunc       progress,
              gpointer              user_data,
              GError              **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      seg_error_set_at (error, SEG_ERROR_IO, path, 0, 0, "%s",
                        _("this is a folder, not a file; expected a CSV file"));
      return NULL;
    }
  file = g_mapped_file_new (path, FALSE, &local);
  if (file == NULL)
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        seg_error_set_at (error, SEG_ERROR_IO, path, 0, 0, "%s", _("cannot open the file: it does not exist"));
      else if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_ACCES))
        seg_error_set_at (error, SEG_ERROR_IO, path, 0, 0, "%s",
                          _("cannot open the file: you are not allowed to read it"));
      else
        seg_error_set_at (error, SEG_ERROR_IO, path, 0, 0, _("cannot open the file: %s"), local->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (file);
  return seg_csv_read_bytes (bytes, path, options, cancellable, progress, user_data, error);
}
