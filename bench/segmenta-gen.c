/* segmenta-gen.c — deterministic sample and benchmark data for Segmenta
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   segmenta-gen fintech      --customers 300 --seed 42 --out DIR
 *   segmenta-gen creditcard   --rows 1000 --seed 7 [--out FILE]
 *   segmenta-gen transactions --rows 10000000 --customers 1000000 --seed 1 [--out FILE]
 *   segmenta-gen features     --rows 1000000 --cols 8 [--clusters 5] [--out FILE]
 *   segmenta-gen customers    --rows 1000000 --seed 1 [--ids integer] [--out FILE]
 *
 * --ids sets the shape of the customer ids of `transactions`, `features` and
 * `customers`: prefixed (C00001, the default), integer (1, 2, 3 …, as most
 * bank and card exports carry them), padded (0000001: text that looks like a
 * number) or uuid (a version-4 UUID drawn from the id, the same every time).
 *
 * The same seed always gives the same bytes: the generator uses its own
 * xoshiro256** stream and formats numbers itself, independent of the locale.
 * The latest transaction is dated on the as-of date (default 2025-09-14).
 */
#define G_LOG_DOMAIN "segmenta-gen"

#include "config.h"

#include <errno.h>
#include <glib.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define DEFAULT_AS_OF "2025-09-14"
#define HISTORY_DAYS 730          /* transactions span two years up to as-of */
#define JULIAN_1970 719163        /* g_date_get_julian () of 1970-01-01 */
#define EPOCH_2019 17897          /* 2019-01-01, the earliest registration */
#define OUT_BUFFER (1 << 20)

/* Function forms of CLAMP/MAX/MIN: their arguments are random draws, which
 * the macros would evaluate twice. */
static inline double
clamp_double (double v,
              double lo,
              double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

static inline int
clamp_int (int v,
           int lo,
           int hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

/* ---------------------------------------------------------------- random */

typedef struct
{
  guint64  s[4];
  double   spare;
  gboolean has_spare;
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (Rng    *rng,
          guint64 seed)
{
  guint64 x = seed;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
  rng->has_spare = FALSE;
  rng->spare = 0.0;
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in (0, 1): never exactly 0, so log () is always finite. */
static inline double
rng_uniform (Rng *rng)
{
  return ((double) (rng_next (rng) >> 11) + 0.5) * (1.0 / 9007199254740992.0);
}

/* Uniform integer in [0, n); the bias of the multiply-shift is below 2^-32. */
static inline guint32
rng_below (Rng    *rng,
           guint32 n)
{
  return (guint32) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

static double
rng_normal (Rng *rng)
{
  double u, v, r;

  if (rng->has_spare)
    {
      rng->has_spare = FALSE;
      return rng->spare;
    }
  u = rng_uniform (rng);
  v = rng_uniform (rng);
  r = sqrt (-2.0 * log (u));
  rng->spare = r * sin (2.0 * G_PI * v);
  rng->has_spare = TRUE;
  return r * cos (2.0 * G_PI * v);
}

static double
rng_lognormal (Rng   *rng,
               double median,
               double sigma)
{
  return median * exp (sigma * rng_normal (rng));
}

/* Marsaglia and Tsang's method; shapes below 1 are boosted by U^(1/shape). */
static double
rng_gamma (Rng   *rng,
           double shape,
           double theta)
{
  double d, c, x, v, u;

  if (shape < 1.0)
    return rng_gamma (rng, shape + 1.0, theta) * pow (rng_uniform (rng), 1.0 / shape);
  d = shape - 1.0 / 3.0;
  c = 1.0 / sqrt (9.0 * d);
  for (;;)
    {
      do
        {
          x = rng_normal (rng);
          v = 1.0 + c * x;
        }
      while (v <= 0.0);
      v = v * v * v;
      u = rng_uniform (rng);
      if (log (u) < 0.5 * x * x + d - d * v + d * log (v))
        return d * v * theta;
    }
}

static guint
rng_poisson (Rng   *rng,
             double lambda)
{
  double limit, p;
  guint k = 0;

  if (lambda <= 0.0)
    return 0;
  if (lambda > 40.0)
    return (guint) clamp_double (floor (lambda + sqrt (lambda) * rng_normal (rng) + 0.5), 0.0, G_MAXUINT32);
  limit = exp (-lambda);
  p = rng_uniform (rng);
  while (p > limit)
    {
      p *= rng_uniform (rng);
      k++;
    }
  return k;
}

static guint
rng_binomial (Rng   *rng,
              guint  n,
              double p)
{
  guint k = 0;

  for (guint i = 0; i < n; i++)
    k += rng_uniform (rng) < p;
  return k;
}

/* Index into a table of cumulative weights (the last entry is the total). */
static guint
pick_weighted (const double *cumulative,
               guint         n,
               double        u)
{
  double target = u * cumulative[n - 1];
  guint lo = 0, hi = n - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (cumulative[mid] <= target)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* ---------------------------------------------------------------- output */

typedef struct
{
  FILE    *fp;
  char    *buf;
  gsize    len;
  gboolean failed;
} Out;

static void
out_flush (Out *o)
{
  if (o->len > 0 && fwrite (o->buf, 1, o->len, o->fp) != o->len)
    o->failed = TRUE;
  o->len = 0;
}

static inline void
out_reserve (Out  *o,
             gsize n)
{
  if (o->len + n > OUT_BUFFER)
    out_flush (o);
}

static inline void
out_char (Out *o,
          char c)
{
  out_reserve (o, 1);
  o->buf[o->len++] = c;
}

static inline void
out_mem (Out        *o,
         const char *s,
         gsize       n)
{
  out_reserve (o, n);
  memcpy (o->buf + o->len, s, n);
  o->len += n;
}

static inline void
out_str (Out        *o,
         const char *s)
{
  out_mem (o, s, strlen (s));
}

/* An unsigned integer, zero-padded to at least @width digits. */
static inline void
out_uint (Out    *o,
          guint64 v,
          int     width)
{
  char tmp[24];
  int n = 0;

  do
    {
      tmp[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0 || n < width);
  out_reserve (o, (gsize) n);
  while (n > 0)
    o->buf[o->len++] = tmp[--n];
}

static inline void
out_id (Out    *o,
        char    prefix,
        guint64 v,
        int     width)
{
  out_char (o, prefix);
  out_uint (o, v, width);
}

/* ---------------------------------------------------------------- customer ids */

typedef enum
{
  IDS_PREFIXED,   /* C00042 */
  IDS_INTEGER,    /* 42 */
  IDS_PADDED,     /* 0000042 */
  IDS_UUID,       /* 3f2a…-4…-8…: version 4, variant 1 */
} IdStyle;

static const char *const id_style_names[] = { "prefixed", "integer", "padded", "uuid", NULL };

static guint64
mix_id (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
out_hex (Out    *o,
         guint64 v,
         int     digits)
{
  static const char hex[] = "0123456789abcdef";

  out_reserve (o, (gsize) digits);
  for (int i = digits - 1; i >= 0; i--)
    o->buf[o->len++] = hex[(v >> (4 * i)) & 0xf];
}

/* Customer id @v (from 1) in @style; @width is the prefixed/padded width. */
static void
out_customer_id (Out    *o,
                 IdStyle style,
                 guint64 v,
                 int     width)
{
  switch (style)
    {
    case IDS_INTEGER:
      out_uint (o, v, 1);
      break;
    case IDS_PADDED:
      out_uint (o, v, MAX (width, 7));
      break;
    case IDS_UUID:
      {
        /* two independent 64-bit draws from the id: distinct ids give
         * distinct UUIDs (mix_id is a bijection) */
        guint64 hi = mix_id (v), lo = mix_id (v ^ G_GUINT64_CONSTANT (0x5bd1e9955bd1e995));
        hi = (hi & ~G_GUINT64_CONSTANT (0xf000)) | G_GUINT64_CONSTANT (0x4000);
        lo = (lo & ~(G_GUINT64_CONSTANT (3) << 62)) | (G_GUINT64_CONSTANT (2) << 62);
        out_hex (o, hi >> 32, 8);
        out_char (o, '-');
        out_hex (o, (hi >> 16) & 0xffff, 4);
        out_char (o, '-');
        out_hex (o, hi & 0xffff, 4);
        out_char (o, '-');
        out_hex (o, lo >> 48, 4);
        out_char (o, '-');
        out_hex (o, lo & G_GUINT64_CONSTANT (0xffffffffffff), 12);
      }
      break;
    case IDS_PREFIXED:
    default:
      out_id (o, 'C', v, width);
      break;
    }
}

/* A fixed-point number with @decimals digits, rounded half away from zero. */
static void
out_fixed (Out   *o,
           double v,
           int    decimals)
{
  static const double scale[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
  guint64 p = (guint64) scale[decimals];
  guint64 units = (guint64) llround (fabs (v) * scale[decimals]);

  if (v < 0 && units > 0)
    out_char (o, '-');
  out_uint (o, units / p, 1);
  if (decimals > 0)
    {
      out_char (o, '.');
      out_uint (o, units % p, decimals);
    }
}

static gboolean
out_open (Out        *o,
          const char *path,
          GError    **error)
{
  o->len = 0;
  o->failed = FALSE;
  o->buf = g_malloc (OUT_BUFFER);
  if (path == NULL || g_str_equal (path, "-"))
    {
      o->fp = stdout;
      return TRUE;
    }
  o->fp = fopen (path, "wb");
  if (o->fp == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "Cannot write %s: %s", path, g_strerror (errno));
      g_clear_pointer (&o->buf, g_free);
      return FALSE;
    }
  return TRUE;
}

static gboolean
out_close (Out        *o,
           const char *path,
           GError    **error)
{
  out_flush (o);
  g_clear_pointer (&o->buf, g_free);
  if (fflush (o->fp) != 0)
    o->failed = TRUE;
  if (o->fp != stdout && fclose (o->fp) != 0)
    o->failed = TRUE;
  if (o->failed)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO,
                 "Cannot write %s", path != NULL ? path : "standard output");
  return !o->failed;
}

/* ---------------------------------------------------------------- dates */

/* ISO texts and months of every day in [first, first + n), in days since 1970. */
typedef struct
{
  int     first;
  int     n;
  char   *text;        /* 11 bytes a day: "YYYY-MM-DD" and a NUL */
  guint8 *month;
} DayTable;

static void
day_table_init (DayTable *t,
                int       first,
                int       last)
{
  GDate date;

  t->first = first;
  t->n = last - first + 1;
  t->text = g_new (char, (gsize) t->n * 11);
  t->month = g_new (guint8, t->n);
  g_date_clear (&date, 1);
  for (int i = 0; i < t->n; i++)
    {
      g_date_set_julian (&date, (guint32) (JULIAN_1970 + first + i));
      g_snprintf (t->text + (gsize) i * 11, 11, "%04u-%02u-%02u",
                  (guint) g_date_get_year (&date), (guint) g_date_get_month (&date),
                  (guint) g_date_get_day (&date));
      t->month[i] = (guint8) g_date_get_month (&date);
    }
}

static void
day_table_clear (DayTable *t)
{
  g_clear_pointer (&t->text, g_free);
  g_clear_pointer (&t->month, g_free);
}

static inline void
out_day (Out            *o,
         const DayTable *t,
         int             day)
{
  g_assert (day >= t->first && day < t->first + t->n);
  out_mem (o, t->text + (gsize) (day - t->first) * 11, 10);
}

static gboolean
parse_iso_day (const char *text,
               int        *day)
{
  unsigned y, m, d;
  char end;
  GDate date;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &end) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  *day = (int) g_date_get_julian (&date) - JULIAN_1970;
  return TRUE;
}

/* Relative spending per calendar month: a holiday peak in November and
 * December, a January lull. */
static const double month_weight[13] = {
  0, 0.90, 0.92, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.45, 1.70
};

/* A day in [first, last] with the seasonal weights (rejection sampling). */
static int
seasonal_day (Rng            *rng,
              const DayTable *t,
              int             first,
              int             last)
{
  for (;;)
    {
      int day = first + (int) rng_below (rng, (guint32) (last - first + 1));
      if (rng_uniform (rng) * 1.70 < month_weight[t->month[day - t->first]])
        return day;
    }
}

/* ---------------------------------------------------------------- transactions */

typedef struct
{
  const char *name;
  double      weight;
  double      median;     /* typical amount */
  double      sigma;      /* spread of log amount */
  double      repay_days; /* typical days to repay; 0 = not a credit product */
} Category;

static const Category categories[] = {
  { "Groceries",  0.21,   60.0, 0.55,  0.0 },
  { "Dining",     0.14,   35.0, 0.60,  0.0 },
  { "Shopping",   0.14,  140.0, 0.90,  0.0 },
  { "Bills",      0.12,  180.0, 0.45,  0.0 },
  { "Recharge",   0.08,   20.0, 0.45,  0.0 },
  { "Transfer",   0.10,  400.0, 1.10,  0.0 },
  { "Travel",     0.06,  650.0, 0.80,  0.0 },
  { "BNPL",       0.09,  260.0, 0.70, 28.0 },
  { "Loan",       0.06, 2500.0, 0.70, 90.0 },
};
#define N_CATEGORIES G_N_ELEMENTS (categories)

static const char *const channels[] = { "app", "card", "web", "branch" };
static const double channel_cumulative[] = { 0.45, 0.75, 0.93, 1.0 };

typedef struct
{
  double category_cumulative[N_CATEGORIES];
} TxnModel;

static void
txn_model_init (TxnModel *m)
{
  double sum = 0.0;

  for (guint i = 0; i < N_CATEGORIES; i++)
    m->category_cumulative[i] = (sum += categories[i].weight);
}

/* Days until a credit purchase is repaid: usually near the category's term,
 * sometimes weeks late; slow payers (@repay_scale > 1) are later. */
static int
draw_repay_days (Rng   *rng,
                 guint  category,
                 double repay_scale)
{
  double days = rng_lognormal (rng, categories[category].repay_days, 0.35) * repay_scale;

  if (rng_uniform (rng) < 0.08)
    days += 30 + rng_below (rng, 60);
  return MAX (1, (int) floor (days + 0.5));
}

/* ---------------------------------------------------------------- fintech */

typedef enum
{
  KIND_ACTIVE,
  KIND_DORMANT,
  KIND_NEW,
  KIND_NO_TXN,
} CustomerKind;

typedef struct
{
  CustomerKind kind;
  int          reg_day;
  int          first_day;   /* transactions fall in [first_day, last_day] */
  int          last_day;
  int          age;
  double       income;      /* NAN when missing */
  int          credit_score;
  guint        products;
  gboolean     kyc;
  guint        city;
  guint        first_name;
  guint        last_name;
  double       spend_scale;
  double       repay_scale;
  guint        n_txns;
} Customer;

typedef enum
{
  TXN_CLEAN,
  TXN_BAD_AMOUNT,     /* dirty: the amount is not a number */
  TXN_NO_CUSTOMER,    /* dirty: the customer id is empty */
  TXN_DUPLICATE,      /* dirty: the previous row exported twice */
} TxnFlag;

typedef struct
{
  guint   customer;
  int     day;
  int     repay_day;  /* -1 when none */
  gint64  cents;
  guint8  category;
  guint8  channel;
  guint8  flag;
  guint   order;      /* draw order, keeps the sort stable */
  guint64 id;
} Txn;

static const char *const first_names[] = {
  "Aarav", "Adaeze", "Aisha", "Ana", "Andrzej", "Arjun", "Beatriz", "Camila",
  "Chen", "Chidi", "Daniel", "Diego", "Emeka", "Emma", "Fatima", "Grace",
  "Hannah", "Ibrahim", "Ivan", "Jakub", "James", "José", "Kavya", "Kofi",
  "Lena", "Liam", "Lucía", "Maria", "Mateo", "Mei", "Mohammed", "Nadia",
  "Neha", "Nia", "Noah", "Olga", "Omar", "Priya", "Rafael", "Rohan",
  "Sakura", "Samuel", "Sofia", "Thabo", "Tomás", "Wanjiru", "Yusuf", "Zoë",
};
static const char *const last_names[] = {
  "Abubakar", "Adeyemi", "Banerjee", "Becker", "Cruz", "da Silva", "Dubois",
  "Fernández", "García", "Gupta", "Hernández", "Ivanova", "Kamau", "Kapoor",
  "Kowalski", "Li", "Martins", "Mensah", "Mwangi", "Nakamura", "Nguyen",
  "Novak", "O'Brien", "Okafor", "Patel", "Reyes", "Rossi", "Santos", "Schmidt",
  "Singh", "Smith", "Tan", "Wang", "Wiśniewska", "Yilmaz", "Zhang",
};
static const char *const cities[][2] = {
  { "Lagos", "Nigeria" }, { "Nairobi", "Kenya" }, { "Mumbai", "India" },
  { "Bengaluru", "India" }, { "São Paulo", "Brazil" }, { "Mexico City", "Mexico" },
  { "Manila", "Philippines" }, { "Jakarta", "Indonesia" }, { "London", "United Kingdom" },
  { "Berlin", "Germany" }, { "Warsaw", "Poland" }, { "Toronto", "Canada" },
};

typedef struct
{
  Rng      rng;
  DayTable days;
  TxnModel model;
  int      as_of;
  int      epoch;        /* earliest registration day */
} Fintech;

static void
place_customer (Fintech  *f,
                Customer *c)
{
  Rng *rng = &f->rng;
  int window = f->as_of - (HISTORY_DAYS - 1);
  double u = rng_uniform (rng);

  c->kind = u < 0.07 ? KIND_NEW : u < 0.25 ? KIND_DORMANT : u < 0.35 ? KIND_NO_TXN : KIND_ACTIVE;
  switch (c->kind)
    {
    case KIND_NEW:
      c->reg_day = f->as_of - (int) rng_below (rng, 30);
      break;
    case KIND_DORMANT:
      c->reg_day = f->epoch + (int) rng_below (rng, (guint32) (f->as_of - 365 - f->epoch));
      break;
    case KIND_ACTIVE:
    case KIND_NO_TXN:
    default:
      c->reg_day = f->epoch + (int) rng_below (rng, (guint32) (f->as_of - 31 - f->epoch));
      break;
    }
  c->first_day = MAX (c->reg_day, window);
  c->last_day = f->as_of;
  if (c->kind == KIND_DORMANT)
    {
      c->last_day = clamp_int (f->as_of - 100 - (int) rng_below (rng, 400), c->reg_day + 20, G_MAXINT);
      c->first_day = MIN (c->first_day, c->last_day);
    }
}

static void
describe_customer (Fintech  *f,
                   Customer *c)
{
  Rng *rng = &f->rng;
  double z;

  c->age = clamp_int ((int) floor (37.0 + 11.0 * rng_normal (rng) + 0.5), 18, 80);
  c->income = floor (rng_lognormal (rng, 52000.0 * (1.0 + 0.01 * (c->age - 35)), 0.5) / 100.0 + 0.5) * 100.0;
  z = rng_normal (rng);
  c->credit_score = CLAMP ((int) floor (680.0 + 65.0 * z + 40.0 * log (c->income / 52000.0) + 0.5), 300, 850);
  c->products = 1 + rng_binomial (rng, 4, c->kind == KIND_ACTIVE ? 0.3 : 0.15);
  c->kyc = rng_uniform (rng) < (c->kind == KIND_NEW ? 0.70 : 0.95);
  c->city = rng_below (rng, G_N_ELEMENTS (cities));
  c->first_name = rng_below (rng, G_N_ELEMENTS (first_names));
  c->last_name = rng_below (rng, G_N_ELEMENTS (last_names));
  c->spend_scale = rng_lognormal (rng, 1.0, 0.6) * pow (c->income / 52000.0, 0.3);
  c->repay_scale = rng_lognormal (rng, 1.0, 0.3) * exp ((680.0 - c->credit_score) / 300.0);
}

/* Heavy-tailed purchase counts: a Poisson count whose rate is gamma
 * distributed across customers (a negative binomial). */
static guint
draw_txn_count (Fintech        *f,
                const Customer *c)
{
  double span = (double) (c->last_day - c->first_day + 1) / HISTORY_DAYS;

  switch (c->kind)
    {
    case KIND_ACTIVE:
      return 1 + rng_poisson (&f->rng, rng_gamma (&f->rng, 0.7, 25.0 / 0.7) * span);
    case KIND_DORMANT:
      return 1 + rng_poisson (&f->rng, rng_gamma (&f->rng, 0.7, 11.0 / 0.7) * span);
    case KIND_NEW:
      return rng_uniform (&f->rng) < 0.6 ? 1 : 0;
    case KIND_NO_TXN:
    default:
      return 0;
    }
}

static void
draw_txn (Fintech        *f,
          const Customer *c,
          guint           customer,
          Txn            *t)
{
  Rng *rng = &f->rng;
  const Category *cat;

  t->customer = customer;
  t->day = seasonal_day (rng, &f->days, c->first_day, c->last_day);
  t->category = (guint8) pick_weighted (f->model.category_cumulative, N_CATEGORIES,
                                        rng_uniform (rng));
  cat = &categories[t->category];
  t->cents = llround (rng_lognormal (rng, cat->median, cat->sigma) * c->spend_scale * 100.0);
  t->cents = MAX (t->cents, 100);
  t->channel = (guint8) pick_weighted (channel_cumulative, G_N_ELEMENTS (channels),
                                       rng_uniform (rng));
  t->repay_day = -1;
  if (cat->repay_days > 0)
    {
      int due = t->day + draw_repay_days (rng, t->category, c->repay_scale);
      t->repay_day = due <= f->as_of ? due : -1;   /* not repaid yet */
    }
  t->flag = TXN_CLEAN;
}

static int
txn_compare (gconstpointer a,
             gconstpointer b)
{
  const Txn *x = a, *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* The few deliberately dirty rows, documented in data/samples/README.md. */
static void
add_dirty_rows (Fintech *f,
                GArray  *txns)
{
  guint n = txns->len;
  Txn t;

  t = g_array_index (txns, Txn, n / 4);
  t.flag = TXN_BAD_AMOUNT;
  g_array_insert_val (txns, n / 4 + 1, t);

  t = g_array_index (txns, Txn, n / 2 + 1);
  t.flag = TXN_NO_CUSTOMER;
  t.cents = llround (rng_lognormal (&f->rng, 60.0, 0.5) * 100.0);
  g_array_insert_val (txns, n / 2 + 2, t);

  t = g_array_index (txns, Txn, 3 * n / 4 + 2);
  t.flag = TXN_DUPLICATE;
  g_array_insert_val (txns, 3 * n / 4 + 3, t);
}

static GArray *
generate_txns (Fintech  *f,
               Customer *customers,
               guint     n_customers)
{
  GArray *txns = g_array_new (FALSE, FALSE, sizeof (Txn));
  guint64 next_id = 1;
  guint latest = 0;

  for (guint i = 0; i < n_customers; i++)
    for (guint k = 0; k < customers[i].n_txns; k++)
      {
        Txn t;
        draw_txn (f, &customers[i], i, &t);
        t.order = txns->len;
        g_array_append_val (txns, t);
      }
  g_array_sort (txns, txn_compare);
  if (txns->len == 0)
    return txns;
  /* The as-of convention: the latest transaction falls on the as-of day. */
  latest = txns->len - 1;
  g_array_index (txns, Txn, latest).day = f->as_of;
  g_array_index (txns, Txn, latest).repay_day = -1;
  if (txns->len >= 8)
    add_dirty_rows (f, txns);
  for (guint i = 0; i < txns->len; i++)
    {
      Txn *t = &g_array_index (txns, Txn, i);
      t->id = t->flag == TXN_DUPLICATE ? t[-1].id : next_id++;
    }
  return txns;
}

static void
write_customers (Fintech        *f,
                 Out            *o,
                 const Customer *customers,
                 guint           n)
{
  out_str (o, "customer_id,name,age,income,city,country,registration_date,"
              "credit_score,num_products,kyc_verified\n");
  for (guint i = 0; i < n; i++)
    {
      const Customer *c = &customers[i];
      out_id (o, 'C', i + 1, 5);
      out_char (o, ',');
      out_str (o, first_names[c->first_name]);
      out_char (o, ' ');
      out_str (o, last_names[c->last_name]);
      out_char (o, ',');
      out_uint (o, (guint64) c->age, 1);
      out_char (o, ',');
      if (!isnan (c->income))
        out_fixed (o, c->income, 0);
      out_char (o, ',');
      out_str (o, cities[c->city][0]);
      out_char (o, ',');
      out_str (o, cities[c->city][1]);
      out_char (o, ',');
      out_day (o, &f->days, c->reg_day);
      out_char (o, ',');
      out_uint (o, (guint64) c->credit_score, 1);
      out_char (o, ',');
      out_uint (o, c->products, 1);
      out_str (o, c->kyc ? ",true\n" : ",false\n");
    }
}

static void
write_txn_row (Fintech   *f,
               Out       *o,
               const Txn *t,
               int        id_width)
{
  out_id (o, 'T', t->id, id_width);
  out_char (o, ',');
  if (t->flag != TXN_NO_CUSTOMER)
    out_id (o, 'C', t->customer + 1, 5);
  out_char (o, ',');
  out_day (o, &f->days, t->day);
  out_char (o, ',');
  if (t->flag == TXN_BAD_AMOUNT)
    out_str (o, "1O5.20");                   /* a letter O typed for a zero */
  else
    out_fixed (o, (double) t->cents / 100.0, 2);
  out_char (o, ',');
  out_str (o, categories[t->category].name);
  out_char (o, ',');
  out_str (o, channels[t->channel]);
  out_char (o, ',');
  if (t->repay_day >= 0)
    out_day (o, &f->days, t->repay_day);
  out_char (o, '\n');
}

static void
write_transactions (Fintech      *f,
                    Out          *o,
                    const GArray *txns)
{
  out_str (o, "txn_id,customer_id,txn_date,amount,category,channel,repayment_date\n");
  for (guint i = 0; i < txns->len; i++)
    write_txn_row (f, o, &g_array_index (txns, Txn, i), 6);
}

/* Last login and app use. A few customers who still transact have not opened
 * the app for months (card-only users), which the rules should reveal. */
static int
draw_login (Fintech        *f,
            const Customer *c,
            guint          *sessions)
{
  Rng *rng = &f->rng;
  int login;

  *sessions = 0;
  switch (c->kind)
    {
    case KIND_ACTIVE:
      if (rng_uniform (rng) < 0.06)
        return f->as_of - 91 - (int) rng_below (rng, 200);
      *sessions = 1 + rng_poisson (rng, rng_gamma (rng, 2.0, 9.0));
      return f->as_of - clamp_int ((int) rng_gamma (rng, 1.0, 4.0), 0, 30);
    case KIND_DORMANT:
      login = c->last_day + (int) rng_below (rng, 20);
      return MIN (login, f->as_of - 91);
    case KIND_NEW:
      *sessions = 1 + rng_poisson (rng, 5.0);
      return c->reg_day + (int) rng_below (rng, (guint32) (f->as_of - c->reg_day + 1));
    case KIND_NO_TXN:
    default:
      if (rng_uniform (rng) < 0.5)
        {
          *sessions = 1 + rng_poisson (rng, 2.0);
          return clamp_int (f->as_of - (int) rng_below (rng, 60), c->reg_day, G_MAXINT);
        }
      return c->reg_day + (int) rng_below (rng, (guint32) MAX (1, f->as_of - 91 - c->reg_day));
    }
}

static void
write_activity (Fintech        *f,
                Out            *o,
                const Customer *customers,
                guint           n)
{
  out_str (o, "customer_id,last_login_date,sessions_30d,avg_session_minutes,support_calls_90d\n");
  for (guint i = 0; i < n; i++)
    {
      const Customer *c = &customers[i];
      guint sessions;
      int login = clamp_int (draw_login (f, c, &sessions), c->reg_day, f->as_of);
      double minutes = rng_lognormal (&f->rng, 4.5, 0.45);
      guint calls = rng_poisson (&f->rng, c->repay_scale > 1.4 ? 1.6 : 0.5);

      out_id (o, 'C', i + 1, 5);
      out_char (o, ',');
      out_day (o, &f->days, login);
      out_char (o, ',');
      out_uint (o, sessions, 1);
      out_char (o, ',');
      if (sessions > 0)          /* no sessions, no average: left empty */
        out_fixed (o, minutes, 1);
      out_char (o, ',');
      out_uint (o, calls, 1);
      out_char (o, '\n');
    }
}

typedef void (*FileWriter) (Fintech *, Out *, gconstpointer, guint);

static gboolean
write_file (const char    *dir,
            const char    *name,
            FileWriter     writer,
            Fintech       *f,
            gconstpointer  data,
            guint          n,
            GError       **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  Out o;

  if (!out_open (&o, path, error))
    return FALSE;
  writer (f, &o, data, n);
  return out_close (&o, path, error);
}

static void
customers_writer (Fintech      *f,
                  Out          *o,
                  gconstpointer data,
                  guint         n)
{
  write_customers (f, o, data, n);
}

static void
transactions_writer (Fintech      *f,
                     Out          *o,
                     gconstpointer data,
                     guint         n)
{
  write_transactions (f, o, data);
}

static void
activity_writer (Fintech      *f,
                 Out          *o,
                 gconstpointer data,
                 guint         n)
{
  write_activity (f, o, data, n);
}

static gboolean
run_fintech (guint64     seed,
             int         as_of,
             guint       n_customers,
             const char *dir,
             GError    **error)
{
  Fintech f;
  g_autofree Customer *customers = g_new0 (Customer, n_customers);
  g_autoptr(GArray) txns = NULL;
  gboolean ok;

  rng_init (&f.rng, seed);
  txn_model_init (&f.model);
  f.as_of = as_of;
  f.epoch = MIN (EPOCH_2019, as_of - 800);
  day_table_init (&f.days, f.epoch - 1, as_of + 1);
  for (guint i = 0; i < n_customers; i++)
    {
      place_customer (&f, &customers[i]);
      describe_customer (&f, &customers[i]);
      customers[i].n_txns = draw_txn_count (&f, &customers[i]);
    }
  /* Two customers did not state an income (documented in the README). */
  customers[n_customers / 17].income = NAN;
  customers[2 * n_customers / 3].income = NAN;
  txns = generate_txns (&f, customers, n_customers);

  ok = g_mkdir_with_parents (dir, 0755) == 0
       || (g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Cannot create %s: %s",
                        dir, g_strerror (errno)), FALSE);
  ok = ok && write_file (dir, "customers.csv", customers_writer, &f, customers, n_customers, error);
  ok = ok && write_file (dir, "transactions.csv", transactions_writer, &f, txns, 0, error);
  ok = ok && write_file (dir, "activity.csv", activity_writer, &f, customers, n_customers, error);
  day_table_clear (&f.days);
  return ok;
}

/* ---------------------------------------------------------------- big transaction logs */

typedef struct
{
  Rng      rng;
  DayTable days;
  TxnModel model;
  double   day_cumulative[HISTORY_DAYS];
  int      first_day;
  int      as_of;
  guint64  n_customers;
  guint64  multiplier;    /* rank → id bijection: (rank * multiplier + 7) mod n */
  int      id_width;
  IdStyle  ids;
} BigLog;

static int
digits (guint64 v)
{
  int n = 1;

  while (v >= 10)
    {
      v /= 10;
      n++;
    }
  return n;
}

static guint64
coprime_multiplier (guint64 n)
{
  guint64 m = G_GUINT64_CONSTANT (2654435761) % n;

  for (;; m++)
    {
      guint64 a = MAX (m, 1), b = n;
      while (b != 0)
        {
          guint64 r = a % b;
          a = b;
          b = r;
        }
      if (a == 1)
        return MAX (m, 1);
    }
}

static void
big_log_init (BigLog *b,
              guint64 seed,
              int     as_of,
              guint64 n_customers)
{
  double sum = 0.0;

  rng_init (&b->rng, seed);
  txn_model_init (&b->model);
  b->as_of = as_of;
  b->first_day = as_of - (HISTORY_DAYS - 1);
  day_table_init (&b->days, b->first_day, as_of + 200);
  for (int i = 0; i < HISTORY_DAYS; i++)
    b->day_cumulative[i] = (sum += month_weight[b->days.month[i]]);
  b->n_customers = n_customers;
  b->multiplier = coprime_multiplier (n_customers);
  b->id_width = MAX (5, digits (n_customers));
}

static void
big_log_row (BigLog *b,
             Out    *o,
             guint64 row,
             int     txn_width)
{
  Rng *rng = &b->rng;
  /* Heavy-tailed activity: rank = n·u³, so a few percent of the customers
   * make a large share of the transactions. */
  double u = rng_uniform (rng);
  guint64 rank = (guint64) ((double) b->n_customers * u * u * u);
  guint64 customer = (rank * b->multiplier + 7) % b->n_customers;
  guint category = pick_weighted (b->model.category_cumulative, N_CATEGORIES, rng_uniform (rng));
  const Category *cat = &categories[category];
  double taste = exp (0.6 * ((double) ((customer * 40503u) % 1000u) / 500.0 - 1.0));
  int day = row == 0 ? b->as_of
                     : b->first_day + (int) pick_weighted (b->day_cumulative, HISTORY_DAYS,
                                                           rng_uniform (rng));

  out_id (o, 'T', row + 1, txn_width);
  out_char (o, ',');
  out_customer_id (o, b->ids, customer + 1, b->id_width);
  out_char (o, ',');
  out_day (o, &b->days, day);
  out_char (o, ',');
  out_fixed (o, clamp_double (rng_lognormal (rng, cat->median, cat->sigma) * taste, 1.0, G_MAXDOUBLE), 2);
  out_char (o, ',');
  out_str (o, cat->name);
  out_char (o, ',');
  out_str (o, channels[pick_weighted (channel_cumulative, G_N_ELEMENTS (channels),
                                      rng_uniform (rng))]);
  out_char (o, ',');
  if (cat->repay_days > 0)
    {
      int due = day + draw_repay_days (rng, category, taste);
      if (due <= b->as_of)
        out_day (o, &b->days, due);
    }
  out_char (o, '\n');
}

static gboolean
run_transactions (guint64     seed,
                  int         as_of,
                  guint64     rows,
                  guint64     n_customers,
                  IdStyle     ids,
                  const char *path,
                  GError    **error)
{
  g_autofree BigLog *b = g_new0 (BigLog, 1);
  int txn_width = MAX (7, digits (rows));
  gboolean ok;
  Out o;

  if (!out_open (&o, path, error))
    return FALSE;
  big_log_init (b, seed, as_of, n_customers);
  b->ids = ids;
  out_str (&o, "txn_id,customer_id,txn_date,amount,category,channel,repayment_date\n");
  for (guint64 row = 0; row < rows && !o.failed; row++)
    big_log_row (b, &o, row, txn_width);
  ok = out_close (&o, path, error);
  day_table_clear (&b->days);
  return ok;
}

/* ---------------------------------------------------------------- credit-card features */

/* Behaviour profiles, after the groups usually found in six-month card data. */
typedef struct
{
  double weight;
  double limit;        /* median credit limit */
  double purchase_p;   /* chance of purchases in a month */
  double oneoff_p;     /* of purchase months, share with one-off purchases */
  double instal_p;     /* … with instalment purchases */
  double cash_p;       /* chance of a cash advance in a month */
  double utilisation;  /* median balance / limit */
  double full_pay_p;   /* chance of paying in full in a month */
} CardProfile;

static const CardProfile profiles[] = {
  { 0.22,  2000, 0.10, 0.50, 0.40, 0.06, 0.20, 0.05 },   /* barely used */
  { 0.24,  5000, 0.85, 0.85, 0.35, 0.04, 0.10, 0.55 },   /* transactors */
  { 0.22,  3000, 0.92, 0.15, 0.95, 0.05, 0.35, 0.10 },   /* instalment buyers */
  { 0.22,  4000, 0.25, 0.60, 0.30, 0.65, 0.75, 0.02 },   /* cash-advance revolvers */
  { 0.10, 12000, 0.95, 0.85, 0.60, 0.10, 0.20, 0.40 },   /* big spenders */
};

typedef struct
{
  guint  tenure, purchase_months, oneoff_months, instal_months, cash_months;
  double limit, oneoff, instal, cash, balance, payments, minimum;
  guint  purchase_trx, cash_trx, full_months, balance_months;
} Card;

static void
draw_card_use (Rng               *rng,
               const CardProfile *p,
               Card              *c)
{
  c->tenure = rng_uniform (rng) < 0.85 ? 12 : 6 + rng_below (rng, 6);
  c->limit = clamp_double (floor (rng_lognormal (rng, p->limit, 0.45) / 50.0 + 0.5) * 50.0, 300.0, 30000.0);
  c->purchase_months = rng_binomial (rng, c->tenure, p->purchase_p);
  c->oneoff_months = rng_binomial (rng, c->purchase_months, p->oneoff_p);
  c->instal_months = rng_binomial (rng, c->purchase_months, p->instal_p);
  if (c->purchase_months > 0 && c->oneoff_months == 0 && c->instal_months == 0)
    c->oneoff_months = 1;
  c->cash_months = rng_binomial (rng, c->tenure, p->cash_p);
  c->oneoff = c->oneoff_months * rng_lognormal (rng, c->limit * 0.035, 0.8);
  c->instal = c->instal_months * rng_lognormal (rng, c->limit * 0.025, 0.6);
  c->cash = c->cash_months * rng_lognormal (rng, c->limit * 0.07, 0.8);
  c->purchase_trx = c->oneoff_months + rng_poisson (rng, c->oneoff_months * 0.8)
                    + c->instal_months + rng_poisson (rng, c->instal_months * 0.5);
  c->cash_trx = c->cash_months + rng_poisson (rng, c->cash_months * 0.7);
}

static void
draw_card_balance (Rng               *rng,
                   const CardProfile *p,
                   Card              *c)
{
  double spent = c->oneoff + c->instal + c->cash;

  c->balance = c->limit * clamp_double (rng_lognormal (rng, p->utilisation, 0.6), 0.0, 1.15);
  c->balance_months = c->balance < 50 ? rng_binomial (rng, 11, 0.4) : 11 - rng_binomial (rng, 11, 0.08);
  if (spent > 0)
    c->payments = spent * rng_lognormal (rng, 0.95, 0.35) + c->balance * 0.1 * rng_uniform (rng);
  else
    c->payments = rng_uniform (rng) < 0.3 ? 0.0 : rng_lognormal (rng, c->balance * 0.15 + 1.0, 0.8);
  c->full_months = rng_binomial (rng, c->tenure, p->full_pay_p);
  /* Like the public card data, some minimum payments were never recorded. */
  c->minimum = c->payments == 0.0 || rng_uniform (rng) < 0.02
               ? NAN : clamp_double (rng_lognormal (rng, 0.05 * c->balance + 20.0, 0.6), 0.02, G_MAXDOUBLE);
}

static void
write_card (Out        *o,
            guint64     row,
            const Card *c)
{
  double t = c->tenure;
  const double money[] = { c->oneoff + c->instal, c->oneoff, c->instal, c->cash };
  const double freq[] = { c->purchase_months / t, c->oneoff_months / t,
                          c->instal_months / t, c->cash_months / t };

  out_id (o, 'C', 10001 + row, 5);
  out_char (o, ',');
  out_fixed (o, c->balance, 2);
  out_char (o, ',');
  out_fixed (o, c->balance_months / 11.0, 6);
  for (guint i = 0; i < G_N_ELEMENTS (money); i++)
    {
      out_char (o, ',');
      out_fixed (o, money[i], 2);
    }
  for (guint i = 0; i < G_N_ELEMENTS (freq); i++)
    {
      out_char (o, ',');
      out_fixed (o, freq[i], 6);
    }
  out_char (o, ',');
  out_uint (o, c->cash_trx, 1);
  out_char (o, ',');
  out_uint (o, c->purchase_trx, 1);
  out_char (o, ',');
  out_fixed (o, c->limit, 0);
  out_char (o, ',');
  out_fixed (o, c->payments, 2);
  out_char (o, ',');
  if (!isnan (c->minimum))
    out_fixed (o, c->minimum, 2);
  out_char (o, ',');
  out_fixed (o, c->full_months / t, 6);
  out_char (o, ',');
  out_uint (o, c->tenure, 1);
  out_char (o, '\n');
}

static gboolean
run_creditcard (guint64     seed,
                guint64     rows,
                const char *path,
                GError    **error)
{
  double cumulative[G_N_ELEMENTS (profiles)], sum = 0.0;
  Rng rng;
  Out o;

  if (!out_open (&o, path, error))
    return FALSE;
  rng_init (&rng, seed);
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    cumulative[i] = (sum += profiles[i].weight);
  out_str (&o, "CUST_ID,BALANCE,BALANCE_FREQUENCY,PURCHASES,ONEOFF_PURCHASES,"
               "INSTALLMENTS_PURCHASES,CASH_ADVANCE,PURCHASES_FREQUENCY,"
               "ONEOFF_PURCHASES_FREQUENCY,PURCHASES_INSTALLMENTS_FREQUENCY,"
               "CASH_ADVANCE_FREQUENCY,CASH_ADVANCE_TRX,PURCHASES_TRX,CREDIT_LIMIT,"
               "PAYMENTS,MINIMUM_PAYMENTS,PRC_FULL_PAYMENT,TENURE\n");
  for (guint64 row = 0; row < rows && !o.failed; row++)
    {
      const CardProfile *p = &profiles[pick_weighted (cumulative, G_N_ELEMENTS (profiles),
                                                      rng_uniform (&rng))];
      Card c;
      draw_card_use (&rng, p, &c);
      draw_card_balance (&rng, p, &c);
      write_card (&o, row, &c);
    }
  return out_close (&o, path, error);
}

/* ---------------------------------------------------------------- k-means features */

static gboolean
run_features (guint64     seed,
              guint64     rows,
              guint       cols,
              guint       clusters,
              IdStyle     ids,
              const char *path,
              GError    **error)
{
  g_autofree double *centre = g_new (double, (gsize) clusters * cols);
  g_autofree double *spread = g_new (double, clusters);
  int width = MAX (5, digits (rows));
  Rng rng;
  Out o;

  if (!out_open (&o, path, error))
    return FALSE;
  rng_init (&rng, seed);
  for (guint k = 0; k < clusters; k++)
    {
      spread[k] = 0.5 + 1.5 * rng_uniform (&rng);
      for (guint j = 0; j < cols; j++)
        centre[k * cols + j] = 20.0 * rng_uniform (&rng) - 10.0;
    }
  out_str (&o, "customer_id");
  for (guint j = 0; j < cols; j++)
    {
      out_str (&o, ",f");
      out_uint (&o, j + 1, 1);
    }
  out_char (&o, '\n');
  for (guint64 row = 0; row < rows && !o.failed; row++)
    {
      guint k = rng_below (&rng, clusters);
      out_customer_id (&o, ids, row + 1, width);
      for (guint j = 0; j < cols; j++)
        {
          out_char (&o, ',');
          out_fixed (&o, centre[k * cols + j] + spread[k] * rng_normal (&rng), 4);
        }
      out_char (&o, '\n');
    }
  return out_close (&o, path, error);
}

/* ---------------------------------------------------------------- customer tables */

static const char *const tiers[] = { "Bronze", "Silver", "Gold", "Platinum" };
static const double tier_cumulative[] = { 0.5, 0.8, 0.95, 1.0 };

/* One row per customer, as a core-banking or CRM export carries it:
 * registration on or before the as-of date, age, income, balance, products,
 * credit score and a tier.  (No last-login column: with one, the file reads
 * as an activity table.) */
static gboolean
run_customers (guint64     seed,
               int         as_of,
               guint64     rows,
               IdStyle     ids,
               const char *path,
               GError    **error)
{
  int width = MAX (5, digits (rows));
  int first = MIN (EPOCH_2019, as_of - 800);
  DayTable days;
  Rng rng;
  Out o;

  if (!out_open (&o, path, error))
    return FALSE;
  rng_init (&rng, seed);
  day_table_init (&days, first, as_of);
  out_str (&o, "customer_id,registration_date,age,income,balance,"
               "num_products,credit_score,tier\n");
  for (guint64 row = 0; row < rows && !o.failed; row++)
    {
      int reg = first + (int) rng_below (&rng, (guint32) (as_of - first + 1));
      int age = clamp_int ((int) floor (rng_lognormal (&rng, 40.0, 0.3)), 18, 95);
      double income = rng_lognormal (&rng, 42000.0, 0.55);
      double balance = rng_lognormal (&rng, income * 0.08, 1.1);
      guint products = 1 + rng_poisson (&rng, 1.2);
      int score = clamp_int ((int) floor (680.0 + 70.0 * rng_normal (&rng)), 300, 850);

      out_customer_id (&o, ids, row + 1, width);
      out_char (&o, ',');
      out_day (&o, &days, reg);
      out_char (&o, ',');
      out_uint (&o, (guint64) age, 1);
      out_char (&o, ',');
      out_fixed (&o, income, 0);
      out_char (&o, ',');
      out_fixed (&o, balance, 2);
      out_char (&o, ',');
      out_uint (&o, products, 1);
      out_char (&o, ',');
      out_uint (&o, (guint64) score, 1);
      out_char (&o, ',');
      out_str (&o, tiers[pick_weighted (tier_cumulative, G_N_ELEMENTS (tiers), rng_uniform (&rng))]);
      out_char (&o, '\n');
    }
  day_table_clear (&days);
  return out_close (&o, path, error);
}

/* ---------------------------------------------------------------- command line */

typedef struct
{
  gint64 seed;
  gint64 rows;
  gint64 customers;
  int    cols;
  int    clusters;
  char  *out;
  char  *as_of;
  char  *ids;
} Options;

static const char summary[] =
  "Commands:\n"
  "  fintech       customers.csv, transactions.csv and activity.csv in --out DIR\n"
  "  creditcard    a card-behaviour feature table (CC GENERAL columns)\n"
  "  transactions  a transaction log of any size, streamed\n"
  "  features      numeric features in Gaussian clusters, for k-means benchmarks\n"
  "  customers     a customer table (registration date, age, income, balance, …)\n"
  "\n"
  "The same seed always produces the same bytes.";

static gboolean
parse_options (int     *argc,
               char  ***argv,
               Options *opt,
               GError **error)
{
  const GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &opt->seed, "Random seed (default 1)", "N" },
    { "rows", 'n', 0, G_OPTION_ARG_INT64, &opt->rows, "Rows to write", "N" },
    { "customers", 'c', 0, G_OPTION_ARG_INT64, &opt->customers, "Number of customers", "N" },
    { "cols", 0, 0, G_OPTION_ARG_INT, &opt->cols, "Feature columns (features)", "N" },
    { "clusters", 0, 0, G_OPTION_ARG_INT, &opt->clusters, "Clusters (features, default 5)", "K" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt->out, "Output file, or directory for fintech", "PATH" },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &opt->as_of, "Latest transaction date (default " DEFAULT_AS_OF ")", "DATE" },
    { "ids", 0, 0, G_OPTION_ARG_STRING, &opt->ids, "Customer ids: prefixed (C00001, default), integer, padded or uuid", "STYLE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("COMMAND — write Segmenta sample data");

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  return g_option_context_parse (context, argc, argv, error);
}

static int
usage_error (const char *message)
{
  g_printerr ("segmenta-gen: %s\nTry 'segmenta-gen --help'.\n", message);
  return 2;
}

static gboolean
run_command (const char    *command,
             const Options *opt,
             int            as_of,
             IdStyle        ids,
             GError       **error)
{
  if (g_str_equal (command, "fintech"))
    return run_fintech ((guint64) opt->seed, as_of,
                        (guint) (opt->customers > 0 ? opt->customers : 300), opt->out, error);
  if (g_str_equal (command, "creditcard"))
    return run_creditcard ((guint64) opt->seed, (guint64) (opt->rows > 0 ? opt->rows : 1000),
                           opt->out, error);
  if (g_str_equal (command, "transactions"))
    return run_transactions ((guint64) opt->seed, as_of,
                             (guint64) (opt->rows > 0 ? opt->rows : 1000000),
                             (guint64) (opt->customers > 0 ? opt->customers : 100000),
                             ids, opt->out, error);
  if (g_str_equal (command, "customers"))
    return run_customers ((guint64) opt->seed, as_of, (guint64) (opt->rows > 0 ? opt->rows : 1000000),
                          ids, opt->out, error);
  return run_features ((guint64) opt->seed, (guint64) (opt->rows > 0 ? opt->rows : 100000),
                       (guint) (opt->cols > 0 ? opt->cols : 8),
                       (guint) (opt->clusters > 0 ? opt->clusters : 5), ids, opt->out, error);
}

int
main (int   argc,
      char *argv[])
{
  static const char *const commands[] = { "fintech", "creditcard", "transactions", "features",
                                          "customers", NULL };
  Options opt = { .seed = 1 };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *as_of_text = NULL;
  g_autofree char *ids_text = NULL;
  IdStyle ids = IDS_PREFIXED;
  int as_of;

  setlocale (LC_ALL, "");   /* messages only: numbers are formatted by hand */
  if (!parse_options (&argc, &argv, &opt, &error))
    return usage_error (error->message);
  out = opt.out;
  as_of_text = opt.as_of;
  ids_text = opt.ids;
  if (argc != 2 || !g_strv_contains (commands, argv[1]))
    return usage_error ("give one command: fintech, creditcard, transactions, features or customers");
  if (opt.ids != NULL)
    {
      guint i = 0;
      while (id_style_names[i] != NULL && !g_str_equal (id_style_names[i], opt.ids))
        i++;
      if (id_style_names[i] == NULL)
        return usage_error ("--ids takes prefixed, integer, padded or uuid");
      ids = (IdStyle) i;
    }
  if (!parse_iso_day (opt.as_of != NULL ? opt.as_of : DEFAULT_AS_OF, &as_of))
    return usage_error ("--as-of takes a date like 2025-09-14");
  if (g_str_equal (argv[1], "fintech") && opt.out == NULL)
    return usage_error ("fintech writes three files: give --out DIR");
  if (opt.customers > G_MAXINT32 || opt.cols > 10000 || opt.clusters > 1000 || opt.rows < 0)
    return usage_error ("a size is out of range");
  if (!run_command (argv[1], &opt, as_of, ids, &error))
    {
      g_printerr ("segmenta-gen: %s\n", error->message);
      return 1;
    }
  return 0;
}
