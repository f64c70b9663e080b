/** A small library in the import's CSV forms, shared by the import and export tests. */
export const PLACES = [
  'code,name,name_en,kind,parent,phone,address,hours,sort_order',
  'central,中央図書館,Central Library,図書館,,072-844-0001,枚方市岡東町,火 9:30-19:00; 水 9:30-19:00; 木 9:30-19:00; 金 9:30-19:00; 土 9:30-17:00; 日 9:30-17:00,1',
  'kuzuha,楠葉図書館,,library,,072-850-0002,,火 10:00-18:00,2',
  'tsuda-room,津田分室,,分室,central,072-858-0003,,,3',
  'bm-ikenomiya,池之宮ステーション,,移動図書館,central,072-844-0001,,水 10:00-10:40,4',
]
export const CATALOGUE = [
  'id,title,yomi,volume,author,author_yomi,publisher,year,isbn,material_type',
  'T1,枚方宿の歴史,ひらかたじゅくのれきし,,山田 太郎,ヤマダ タロウ,枚方出版,2020,978-4-10-101001-4,book',
  'T2,白い鐘,シロイカネ,上,宮本 輝,,講談社,2021,,book',
  'T3,白い鐘,シロイカネ,下,宮本 輝,,講談社,2021,,book',
  'T4,昭和歌謡ベスト,,,,,,2015,,cd',
]
export const COPIES = [
  'barcode,record_id,isbn,library,shelf,not_for_loan,status',
  '2000000001,T1,,central,210.1/ヤ,0,在架',
  '2000000002,,9784101010014,kuzuha,210.1/ヤ,1,on_shelf',
  '2000000003,T2,,central,913.6/ミ,,',
  '2000000004,T4,,central,767.8,,missing',
]
export const PATRONS = [
  'number,name,name_yomi,phone,email,category,expires_on,home_library',
  '1000000001,山田 花子,やまだ はなこ,090-0000-0001,hanako@example.jp,一般,2028-03-31,central',
  '1000000007,渡辺 文子,ワタナベ フミコ,090-0000-0007,,録音図書,,kuzuha',
  '1000000006,伊藤 直樹,,090-0000-0006,,広域,2027/1/5,',
]
