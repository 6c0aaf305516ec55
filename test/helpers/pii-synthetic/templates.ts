/**
 * Templates shaped like the text LLM apps receive and produce. `{{slot}}` names a slot in
 * `slots.ts`; slots without a type (product, order_no, amount, version…) are hard negatives.
 * The split is by template index (see `generate-pii-set.ts`), so each kind appears in both splits.
 */
export const TEMPLATES: readonly string[] = [
  // ---- support chat turns
  'Hi, my name is {{person}} and I cannot log in since {{weekday}}.',
  'hello, this is {{first_name}}. my order {{order_no}} still has not arrived',
  'User: my card {{card}} was charged twice for the {{product}}\nAgent: Sorry about that, {{first_name}}. I have opened ticket {{ticket}}.',
  'Can you update my phone number to {{phone}}? The old one no longer works.',
  'I moved! New address is {{address_line}}. Please ship the {{product}} there.',
  'Please call me back on {{intl_phone}} after {{date}}.',
  'Hey, it is {{lower_name}} again. Still waiting on the refund of {{amount}} EUR.',
  'My email is {{email}} and my phone is {{phone}}, thanks.',
  'I tried version {{version}} of the app on {{date}} and it crashed {{qty}} times.',
  'The {{product_brand}} I bought is broken. Serial {{sku}}. Can I get a replacement?',
  // ---- emails
  'Dear {{person}},\n\nThank you for your order of {{qty}} units. Your invoice {{order_no}} is attached.\n\nBest regards,\n{{person}}\n{{company}}',
  'Hi {{first_name}},\n\nFollowing our call on {{date}}, I am sending the contract. Please sign and return it by {{date}}.\n\nThanks,\n{{person}}\n{{phone_label}}: {{phone}}',
  'From: {{email}}\nTo: {{email}}\nSubject: Meeting with {{company}}\n\nCan we meet in {{city}} next {{weekday}}?',
  'Good morning, I am {{person}} from {{company}}. We would like to order {{qty}} licences of {{product}}.',
  'Please wire the payment to {{iban}} (account holder {{person}}) before {{date}}.',
  // ---- CRM notes
  'Spoke with {{person}} ({{job}}) at {{company}}. Follow up {{weekday}}. Budget approx {{amount}}.',
  'Customer {{person}} called from {{phone}} re: ticket {{ticket}}. Promised callback by {{date}}.',
  'Lead: {{person}}, {{company}}, {{city}}, {{country}}. Interested in {{product}} ({{percent}} discount).',
  'Note {{date}}: {{first_name}} asked to remove {{email}} from the mailing list.',
  'Account owner {{person}} <{{email}}>; billing contact {{person}}; region {{state}}.',
  // ---- KYC / forms
  'Full name: {{person}}\nDate of birth: {{birth_date}}\nAddress: {{address_line}}\nPhone: {{phone}}',
  'Name: {{person}}\nSSN: {{ssn}}\nEmployer: {{company}}\nIBAN: {{iban}}',
  'Applicant {{person}}, born {{birth_date}} in {{city}}, {{country}}. ID checked on {{date}}.',
  'Card holder: {{person}}\nCard number: {{card}}\nBilling address:\n{{address_block}}',
  'Nationality: {{country}}\nResidence: {{address_line}}\nContact: {{email}} / {{intl_phone}}',
  // ---- address blocks
  '{{person}}\n{{address_block}}',
  '{{person}}\n{{company}}\n{{address_block_country}}',
  'Ship to: {{person}}, {{address_line}}',
  'Return the package to {{street_address}} in {{city}} before {{date}}.',
  'Our warehouse moved to {{address_line}}; the old {{city}} site closes in {{year}}.',
  // ---- JSON tool results
  '{"customer": "{{person}}", "email": "{{email}}", "phone": "{{phone}}", "orders": {{qty}}}',
  '{"name": "{{person}}", "address": "{{address_line}}", "created_at": "{{date}}", "sku": "{{sku}}"}',
  '{"payer": "{{person}}", "iban": "{{iban}}", "amount": {{amount}}, "reference": "{{order_no}}"}',
  '{"user": {"id": {{order_no}}, "ip": "{{ip}}", "last_login": "{{date}}", "homepage": "{{url}}"}}',
  '{"company": "{{company}}", "city": "{{city}}", "contact": "{{person}}", "version": "{{version}}"}',
  // ---- call transcripts
  'Agent: Thanks for calling {{company}}, who am I speaking with?\nCaller: This is {{person}}.\nAgent: And the number on the account?\nCaller: {{phone}}.',
  '{{first_name}}: I need to change my delivery address.\nAgent: Sure, what is the new one?\n{{first_name}}: {{address_line}}.',
  'Agent: Can you confirm your date of birth?\nCustomer: {{birth_date}}.\nAgent: And the last four digits of the card ending {{qty}}?',
  '[{{date}}] {{first_name}}: my IP is {{ip}} and the error code is {{order_no}}',
  // ---- bios
  '{{person}} is a {{job}} at {{company}} based in {{city}}. She joined in {{year}}.',
  '{{person}} was born in {{city}} in {{year}} and studied in {{country}}.',
  'About the author: {{person}} lives in {{city}} with two cats. Reach out at {{email}} or {{url}}.',
  'Founded in {{year}} by {{person}}, {{company}} sells {{product}} in {{qty}} countries.',
  'Our new {{department}} lead, {{person}}, starts on {{date}}.',
  // ---- hard negatives only
  'The {{product}} costs {{amount}} and ships in {{qty}} days.',
  'Release {{version}} fixes {{qty}} bugs in the {{department}} module; see {{file}}.',
  'Order {{order_no}} contains {{qty}} x {{product_brand}} (SKU {{sku}}).',
  'Sales grew {{percent}} this quarter thanks to the {{product}}.',
  // ---- hard negatives: capitalised function and courtesy words of other languages (never names)
  'Vielen Dank für Ihre Nachricht. Sie erhalten Ihre Bestellung {{order_no}} in {{qty}} Tagen.\nMit freundlichen Grüßen',
  'Merci pour votre message. Nous vous enverrons le {{product}} sous {{qty}} jours. Cordialement',
  'Bedankt voor uw bericht. Wij sturen u de {{product}} binnen {{qty}} dagen. Met vriendelijke groeten',
  'Gracias por su mensaje. Usted recibirá el pedido {{order_no}} en {{qty}} días. Saludos. Grazie, Lei riceverà il {{product}}. Obrigado, Você receberá.',
]
