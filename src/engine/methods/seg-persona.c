/* seg-persona.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-persona"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "seg-persona.h"

#define DISTINCT_Z 0.5

typedef enum
{
  TRAIT_NONE,
  TRAIT_SPEND,
  TRAIT_FREQUENCY,
  TRAIT_RECENCY,     /* high = lapsed */
  TRAIT_BALANCE,
  TRAIT_CASH_ADVANCE,
  TRAIT_INSTALMENTS,
  TRAIT_CREDIT_LIMIT,
  TRAIT_FULL_PAYMENT,
  TRAIT_INCOME,
  TRAIT_AGE,
  TRAIT_TENURE,
  TRAIT_LOGIN_GAP,   /* days since login: high = disengaged */
  TRAIT_SUPPORT,
  TRAIT_APP_USAGE,
} Trait;

typedef struct
{
  const char *fragment;   /* folded name contains this */
  Trait       trait;
} TraitRule;

/* Order matters: the first fragment found decides. */
static const TraitRule trait_rules[] = {
  { "cashadvance", TRAIT_CASH_ADVANCE },
  { "installment", TRAIT_INSTALMENTS },
  { "instalment", TRAIT_INSTALMENTS },
  { "prcfullpayment", TRAIT_FULL_PAYMENT },
  { "creditlimit", TRAIT_CREDIT_LIMIT },
  { "dayssincelogin", TRAIT_LOGIN_GAP },
  { "recency", TRAIT_RECENCY },
  { "txncount", TRAIT_FREQUENCY },
  { "frequency", TRAIT_FREQUENCY },
  { "trx", TRAIT_FREQUENCY },
  { "totalspent", TRAIT_SPEND },
  { "avgspent", TRAIT_SPEND },
  { "purchases", TRAIT_SPEND },
  { "spending", TRAIT_SPEND },
  { "monetary", TRAIT_SPEND },
  { "spent", TRAIT_SPEND },
  { "amount", TRAIT_SPEND },
  { "balance", TRAIT_BALANCE },
  { "income", TRAIT_INCOME },
  { "age", TRAIT_AGE },
  { "tenure", TRAIT_TENURE },
  { "registration", TRAIT_TENURE },
  { "supportcalls", TRAIT_SUPPORT },
  { "appusage", TRAIT_APP_USAGE },
};

static Trait
trait_of (const char *feature)
{
  g_autofree char *lower = g_ascii_strdown (feature, -1);
  GString *folded = g_string_new (NULL);
  Trait trait = TRAIT_NONE;

  for (const char *p = lower; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (folded, *p);
  for (guint i = 0; i < G_N_ELEMENTS (trait_rules); i++)
    if (strstr (folded->str, trait_rules[i].fragment) != NULL)
      {
        trait = trait_rules[i].trait;
        break;
      }
  g_string_free (folded, TRUE);
  return trait;
}

static char *
describe (const char *feature,
          Trait       trait,
          gboolean    high)
{
  switch (trait)
    {
    case TRAIT_SPEND: return g_strdup (high ? _("high spend") : _("low spend"));
    case TRAIT_FREQUENCY: return g_strdup (high ? _("frequent buyers") : _("occasional buyers"));
    case TRAIT_RECENCY: return g_strdup (high ? _("lapsed") : _("recently active"));
    case TRAIT_BALANCE: return g_strdup (high ? _("high balance") : _("low balance"));
    case TRAIT_CASH_ADVANCE: return g_strdup (high ? _("cash-advance dependent") : _("no cash advances"));
    case TRAIT_INSTALMENTS: return g_strdup (high ? _("instalment buyers") : _("few instalments"));
    case TRAIT_CREDIT_LIMIT: return g_strdup (high ? _("high credit limit") : _("low credit limit"));
    case TRAIT_FULL_PAYMENT: return g_strdup (high ? _("pay in full") : _("revolving balance"));
    case TRAIT_INCOME: return g_strdup (high ? _("high income") : _("low income"));
    case TRAIT_AGE: return g_strdup (high ? _("older") : _("younger"));
    case TRAIT_TENURE: return g_strdup (high ? _("long-standing") : _("new"));
    case TRAIT_LOGIN_GAP: return g_strdup (high ? _("disengaged") : _("engaged"));
    case TRAIT_SUPPORT: return g_strdup (high ? _("many support calls") : _("few support calls"));
    case TRAIT_APP_USAGE: return g_strdup (high ? _("heavy app users") : _("light app users"));
    case TRAIT_NONE:
    default:
      return g_strdup_printf (high ? _("high %s") : _("low %s"), feature);
    }
}

/* Indices of the features in order of |z|, most distinctive first. */
static guint *
rank_features (const double *z,
               guint         p)
{
  guint *order = g_new (guint, MAX (p, 1));

  for (guint i = 0; i < p; i++)
    order[i] = i;
  for (guint i = 1; i < p; i++)
    for (guint j = i; j > 0; j--)
      {
        double a = isnan (z[order[j]]) ? 0 : fabs (z[order[j]]);
        double b = isnan (z[order[j - 1]]) ? 0 : fabs (z[order[j - 1]]);
        if (a > b)
          {
            guint t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
          }
        else
          break;
      }
  return order;
}

char *
seg_persona_name (const char * const *features,
                  const double       *z,
                  guint               p)
{
  g_autofree guint *order = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  Trait used[2] = { TRAIT_NONE, TRAIT_NONE };
  g_autofree char *joined = NULL;

  g_return_val_if_fail (p == 0 || (features != NULL && z != NULL), NULL);

  order = rank_features (z, p);
  parts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < p && parts->len < 2; i++)
    {
      guint f = order[i];
      Trait trait = trait_of (features[f]);

      if (isnan (z[f]) || fabs (z[f]) < DISTINCT_Z)
        break;
      /* two spend columns make one trait */
      if (trait != TRAIT_NONE && (trait == used[0] || trait == used[1]))
        continue;
      used[parts->len] = trait;
      g_ptr_array_add (parts, describe (features[f], trait, z[f] > 0));
    }
  if (parts->len == 0)
    return g_strdup (_("Typical customers"));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  joined[0] = g_ascii_toupper (joined[0]);
  return g_steal_pointer (&joined);
}

char *
seg_persona_action (const char * const *features,
                    const double       *z,
                    guint               p)
{
  g_autofree guint *order = NULL;

  g_return_val_if_fail (p == 0 || (features != NULL && z != NULL), NULL);

  order = rank_features (z, p);
  for (guint i = 0; i < p; i++)
    {
      guint f = order[i];
      gboolean high = z[f] > 0;

      if (isnan (z[f]) || fabs (z[f]) < DISTINCT_Z)
        break;
      switch (trait_of (features[f]))
        {
        case TRAIT_CASH_ADVANCE:
          if (high)
            return g_strdup (_("Offer financial education and a lower-cost instalment loan in place of cash advances."));
          break;
        case TRAIT_RECENCY:
        case TRAIT_LOGIN_GAP:
          if (high)
            return g_strdup (_("Run a reactivation campaign: a personal reminder with a time-limited offer."));
          break;
        case TRAIT_INSTALMENTS:
          if (high)
            return g_strdup (_("Promote instalment offers and buy-now-pay-later partners."));
          break;
        case TRAIT_SPEND:
        case TRAIT_FREQUENCY:
        case TRAIT_BALANCE:
          return g_strdup (high ? _("Invite to the loyalty programme and offer premium products.")
                                : _("Encourage more use with cashback on everyday categories."));
        case TRAIT_FULL_PAYMENT:
          return g_strdup (high ? _("Reward full payers with a higher limit and travel benefits.")
                                : _("Offer balance-transfer and budgeting tools to revolving customers."));
        case TRAIT_CREDIT_LIMIT:
          if (high)
            return g_strdup (_("Cross-sell premium cards and wealth products."));
          break;
        case TRAIT_TENURE:
          if (!high)
            return g_strdup (_("Welcome journey: onboarding tips and a first-use incentive."));
          break;
        case TRAIT_SUPPORT:
          if (high)
            return g_strdup (_("Review service issues: proactive support call and fee waiver."));
          break;
        case TRAIT_NONE:
        case TRAIT_INCOME:
        case TRAIT_AGE:
        case TRAIT_APP_USAGE:
        default:
          break;
        }
    }
  return g_strdup (_("Keep in regular communication; test offers to find what moves this group."));
}
