/* seg-types.c — the engine's enumerations as the words files and
 * summary.json use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "seg-types"

#include "config.h"

#include "seg-types.h"

static const char *column_type_names[] = { "text", "number", "date", "boolean" };
static const char *file_role_names[] = { "unknown", "customers", "transactions", "activity" };
static const char *field_role_names[] = {
  "none", "customer_id", "date", "amount", "txn_id", "category", "quantity",
  "unit_price", "registration_date", "last_login_date", "frequency", "recency",
  "T", "monetary_value",
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_role_names) == SEG_N_FIELD_ROLES);

static gboolean
lookup_name (const char  *str,
             const char **names,
             guint        n_names,
             int         *out)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (str, names[i]) == 0)
      {
        *out = (int) i;
        return TRUE;
      }
  return FALSE;
}

const char *
seg_column_type_to_string (SegColumnType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (column_type_names), "text");
  return column_type_names[type];
}

gboolean
seg_column_type_from_string (const char    *str,
                             SegColumnType *type)
{
  int v;

  g_return_val_if_fail (type != NULL, FALSE);
  if (!lookup_name (str, column_type_names, G_N_ELEMENTS (column_type_names), &v))
    return FALSE;
  *type = (SegColumnType) v;
  return TRUE;
}

const char *
seg_file_role_to_string (SegFileRole role)
{
  g_return_val_if_fail (role < G_N_ELEMENTS (file_role_names), "unknown");
  return file_role_names[role];
}

gboolean
seg_file_role_from_string (const char  *str,
                           SegFileRole *role)
{
  int v;

  g_return_val_if_fail (role != NULL, FALSE);
  if (!lookup_name (str, file_role_names, G_N_ELEMENTS (file_role_names), &v))
    return FALSE;
  *role = (SegFileRole) v;
  return TRUE;
}

const char *
seg_field_role_to_string (SegFieldRole role)
{
  g_return_val_if_fail (role < SEG_N_FIELD_ROLES, "none");
  return field_role_names[role];
}

gboolean
seg_field_role_from_string (const char   *str,
                            SegFieldRole *role)
{
  int v;

  g_return_val_if_fail (role != NULL, FALSE);
  if (!lookup_name (str, field_role_names, G_N_ELEMENTS (field_role_names), &v))
    return FALSE;
  *role = (SegFieldRole) v;
  return TRUE;
}
