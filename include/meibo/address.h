/**
 * @file address.h
 * @brief The postal part of a contact (the addressee block of a mailed letter, 長形3号 window).
 */
#ifndef MEIBO_ADDRESS_H
#define MEIBO_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>

/**
 * @brief Split a contact as the clerk took it ("〒100-0001 東京都千代田区… TEL 03-…") into its
 * postal code (into @p postal, without 〒; "" none) and its postal address (@p address): the
 * telephone and fax numbers, e-mail addresses and their labels left out. False when no
 * address is left (a telephone number only): such a requester gets a letter only once an
 * address is entered.
 */
bool address_split(const char *contact, char *postal, size_t plen, char *address,
                   size_t alen);

#endif
