"""Challenge set for quote attribution (issue 4): invented passages in the styles of Daily NK,
NK News, RFA, Yonhap, Reuters, AP, HRW, UN press releases and NGO blogs, each with the quotes, the
speaker as first introduced and whether the source is anonymous, scored as the domain scorer scores
(``evaluate.domain.match_quotes``: speaker strings compare as in tests/domain/corpus/README.md).

Written to make attribution general rather than fitted to the domain sets' phrasings: attribution
before, after and inside split quotes, block quotations after "X said:", quotes continued over
paragraphs, pronouns, surnames, titles, roles and ages pointing back, "according to", "quoted X as
saying", institutions and spokespeople (a body speaking as a whole is anonymous: no one is named), anonymity and pseudonym cues, and quoted titles and slogans
that are not speech. None of the passages comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from rightswatch.analyse import load_language
from rightswatch.analyse.profile import load_profile
from rightswatch.analyse.quotes import find_quotes
from rightswatch.evaluate.domain import ExpectedQuote, match_quotes

# (id, text, [(quote prefix, speaker, anonymous, other acceptable speakers)])
CASES = [
    (
        'a_short_clause_says_who_the_person_is',
        'The crew was locked in the dormitory after the escape, according to the pastor and a Chinese driver who delivers coal to the site.\n\n'
        '“They put a chain on the gate,” the driver said.',
        [('They put a chain on the gate', 'a Chinese driver who delivers coal to the site', True, ())],
    ),
    (
        'a_clause_on_how_the_source_spoke_is_no_part_of_them',
        'The crew was locked in the dormitory after the escape, according to the pastor and a Chinese driver who asked not to be named.\n\n'
        '“They put a chain on the gate,” the driver said.',
        [('They put a chain on the gate', 'a Chinese driver', True, ())],
    ),
    (
        'a_participle_goes_with_the_person_introduced',
        'Two traders were held overnight in Musan, RFA has learned from a resident living near the market.\n\n'
        '“They came at dawn and took the scales,” the resident said.',
        [('They came at dawn', 'a resident living near the market', True, ())],
    ),
    (
        'a_given_name_after_a_sentence_ending_in_a_place',
        'Her grandmother was taken to the county security office in Musan in August. Hye-rin, 17, asked to be identified only by her first name.\n\n'
        '“Nobody tells us where she is,” Hye-rin said.',
        [('Nobody tells us where she is', 'Hye-rin', True, ())],
    ),
    (
        'a_name_chosen_for_the_interview',
        'Min-gyu still wakes at five, the hour the crew was counted every morning at the logging camp.\n\n'
        'Min-gyu is a name he chose for this interview. His family is still in Chongjin.\n\n'
        '“We were counted like tools,” Min-gyu says.',
        [('We were counted like tools', 'Min-gyu', True, ())],
    ),
    (
        'name_with_clause_said_a_claim',
        'Ingrid Solvang, who studies forced labour in seafood supply chains at the University of Bergen, said importers could no longer claim ignorance.\n\n'
        '“Any importer buying squid from this port has to assume North Korean labour is in the chain,” she said.',
        [('Any importer buying squid', 'Ingrid Solvang', False, ())],
    ),
    (
        'two_sources_the_described_one_speaks',
        'A woman was sent back from a seafood plant in Shandong last week, a source in China told Daily NK.\n\n'
        'She is now held in Sinuiju, a source in North Pyongan Province said separately.\n\n'
        '“They search the dormitory every night now,” the source in China said.\n\n'
        '“Her mother just sits at home,” the North Pyongan source said.',
        [('They search the dormitory', 'a source in China', True, ()), ('Her mother just sits', 'a source in North Pyongan Province', True, ())],
    ),
    (
        'name_then_long_apposition',
        '“Families like hers are the only proof we have until the archives are opened,” said Yoo Min-seo, a lawyer who helps the network prepare its files for UN investigators.',
        [('Families like hers are the only', 'Yoo Min-seo', False, ())],
    ),
    (
        'according_to_cue_clause',
        'Three families were moved out of the riverside district in March, according to a resident of Musan who asked not to be named for fear of reprisals.\n\n'
        '“Their houses were sealed the same day,” the resident said.',
        [('Their houses were sealed', 'a resident of Musan', True, ())],
    ),
    (
        'according_to_speaking_clause',
        'The two women were driven to the bridge at dawn, according to a fisherman in Tumen who said he watched the van from the riverbank.\n\n'
        '“They were crying the whole time,” the fisherman said.',
        [('They were crying the whole', 'a fisherman in Tumen', True, ())],
    ),
    (
        'dailynk_after',
        '“Security agents searched every house on our street,” a source in North Hamgyong Province told Daily NK on Tuesday.',
        [('Security agents searched', 'a source in North Hamgyong Province', True, ())],
    ),
    (
        'split_inside',
        '“They took him at night,” a resident of Hyesan said, “and nobody has seen him since.”',
        [('They took him at night', 'a resident of Hyesan', True, ()), ('and nobody has seen him', 'a resident of Hyesan', True, ())],
    ),
    (
        'split_named',
        '“The numbers are rising,” said Park Ji-hoon, a researcher at the Korea Institute for National Unification. “We count more arrests every month.”',
        [('The numbers are rising', 'Park Ji-hoon', False, ()), ('We count more arrests', 'Park Ji-hoon', False, ())],
    ),
    (
        'said_colon_block',
        "In a statement released on Friday, the group's director, Sarah Lin, said:\n\n“The international community cannot look away while families are torn apart at the border.”",
        [('The international community cannot look', 'Sarah Lin', False, ())],
    ),
    (
        'continued_paras',
        'A woman who escaped in 2019 described her time in the detention centre.\n\n“We slept on the concrete floor, twenty of us in one cell.\n\n“In the morning the guards made us sit still for hours,” she said.',
        [('We slept on the concrete floor', 'A woman who escaped in 2019', True, ()), ('In the morning the guards', 'A woman who escaped in 2019', True, ())],
    ),
    (
        'pronoun_he',
        "“The market was closed for three days,” a trader in Sinuiju told RFA's Korean Service.\n\n“When it reopened, the prices had doubled,” he added.",
        [('The market was closed', 'a trader in Sinuiju', True, ()), ('When it reopened', 'a trader in Sinuiju', True, ())],
    ),
    (
        'surname_only',
        "Choi Eun-ji, 41, fled North Korea in 2016 and now runs a bakery in Seoul.\n\n“I still dream about my mother's kitchen,” Choi said.",
        [('I still dream about', 'Choi Eun-ji', False, ())],
    ),
    (
        'title_rapporteur',
        'UN Special Rapporteur James Whitfield presented his report to the Human Rights Council on Monday.\n\n“Forced repatriation exposes people to torture,” the rapporteur said.',
        [('Forced repatriation exposes', 'James Whitfield', False, ())],
    ),
    (
        'role_defector',
        'A defector who reached Seoul last year said she had been held in Onsong for a month.\n\n“They beat us if we spoke Chinese,” the defector said.',
        [('They beat us if we spoke', 'A defector who reached Seoul last year', True, ())],
    ),
    (
        'according_to',
        '“The quota for each household was doubled this spring,” according to a farmer in South Pyongan Province.',
        [('The quota for each household', 'a farmer in South Pyongan Province', True, ())],
    ),
    (
        'told_reuters',
        '“We have no information about their whereabouts,” Kim Sun-hee, the sister of one of the detainees, told Reuters.',
        [('We have no information', 'Kim Sun-hee', False, ())],
    ),
    (
        'wrote_report',
        '“Detainees described beatings with sticks and sleep deprivation,” Human Rights Watch wrote in a report published on Thursday.',
        [('Detainees described beatings', 'Human Rights Watch', True, ())],
    ),
    (
        'org_statement',
        '“The forced return of these individuals violates the principle of non-refoulement,” Amnesty International said in a statement.',
        [('The forced return of these', 'Amnesty International', False, ())],
    ),
    (
        'in_statement_before',
        'In a statement, the Unification Ministry said: “We urge China to respect the free will of the defectors.”',
        [('We urge China to respect', 'the Unification Ministry', True, ())],
    ),
    (
        'anon_because',
        'A South Korean government official, who spoke on condition of anonymity because he was not authorised to brief reporters, said: “The transfer happened late at night.”',
        [('The transfer happened late', 'A South Korean government official', True, ())],
    ),
    (
        'familiar_matter',
        '“At least 60 people were on the buses,” a source familiar with the matter said.',
        [('At least 60 people', 'a source familiar with the matter', True, ())],
    ),
    (
        'asked_not_named',
        '“People are afraid to even whisper about it,” said a resident of Hyesan who asked not to be named for security reasons.',
        [('People are afraid to even', 'a resident of Hyesan', True, ('a resident of Hyesan who asked not to be named for security reasons',))],
    ),
    (
        'declined_identified',
        '“The camp has been expanded twice since 2020,” an official, who declined to be identified, told Yonhap.',
        [('The camp has been expanded', 'an official', True, ())],
    ),
    (
        'pseudonym_call',
        'A woman we will call Mi-ran crossed the Tumen River in 2018.\n\n“I was sold to a farmer for 30,000 yuan,” Mi-ran said.',
        [('I was sold to a farmer', 'Mi-ran', True, ('A woman we will call Mi-ran',))],
    ),
    (
        'not_real_name',
        '“My daughter was only 16 when the broker took her,” said Kim (not her real name), a 52-year-old from Musan.',
        [('My daughter was only 16', 'Kim', True, ())],
    ),
    (
        'asked_to_be_called',
        'The man, who asked to be called Choe Myong-su to protect relatives still in the North, arrived in Seoul in May.\n\n“We were paid nothing for eight months,” Choe said.',
        [('We were paid nothing', 'Choe Myong-su', True, ('Choe',))],
    ),
    (
        'surname_uses_a_pseudonym',
        'For Pak Hye-jin, the news brought back her own journey over the bridge.\n\nPak, who uses a pseudonym to protect family members still in the North, was caught in Hunchun in 2024.\n\n“They handcuffed us in pairs on the bus,” Pak said in an interview in Seoul.',
        [('They handcuffed us in pairs', 'Pak Hye-jin', True, ('Pak',))],
    ),
    (
        'asked_to_be_identified_as',
        'One woman, who asked to be identified as Ri Su-jin, said border police handed her over in February.\n\n“The interrogator kicked me every time I nodded off,” Ri said.',
        [('The interrogator kicked me', 'Ri Su-jin', True, ('Ri', 'One woman'))],
    ),
    # a family name shared by a relative told of before the speaker is named is not the speaker's
    (
        'relative_shares_the_family_name',
        'Pak (name withheld at the family’s request), a dock worker, was arrested in May 2020.\n\nThe file was compiled from interviews with his daughter, Pak Eun-ha, who now lives in Incheon.\n\n“They took him after midnight,” Pak Eun-ha said.',
        [('They took him after midnight', 'Pak Eun-ha', False, ())],
    ),
    # "the second source" when the second one was introduced telling, not quoted
    (
        'second_source_introduced_in_indirect_speech',
        '“The women were taken to Baishan,” a source in the region told RFA.\n\nA second source, a resident of Baishan, told RFA that police had been visiting farms with photographs.\n\n“They come with a folder of pictures,” the second source said.',
        [('The women were taken', 'a source in the region', True, ()), ('They come with a folder', 'A second source, a resident of Baishan', True, ())],
    ),
    (
        'second_source_a_town_resident',
        '“Four women were sentenced,” a source in the region told RFA.\n\nA second source, a Hoeryong resident with a relative among the four, told RFA that one of the women was pregnant.\n\n“They made the doctors end the pregnancy,” the second source said.',
        [('Four women were sentenced', 'a source in the region', True, ()), ('They made the doctors', 'A second source', True, ())],
    ),
    (
        'embassy_qualified_by_a_tagged_name',
        'Police detained 40 migrants at a market on Tuesday.\n\nThe Tajik embassy in Moscow said it had asked Russian authorities to “respect the rights and dignity” of those detained.',
        [('respect the rights and dignity', 'The Tajik embassy in Moscow', True, ())],
    ),
    (
        'name_changed',
        'Ji-yeon, whose name has been changed for her safety, now lives in Seoul.\n\n“I think about my brother every day,” Ji-yeon said.',
        [('I think about my brother', 'Ji-yeon', True, ())],
    ),
    (
        'only_surname',
        '“The guards took everything we had,” said one woman, who used only her surname, Lee, for fear of reprisals against her family.',
        [('The guards took everything', 'one woman', True, ('Lee',))],
    ),
    (
        'only_first_name',
        'A 30-year-old defector who gave only his first name, Chul, said: “They told us we would be shot if we ran.”',
        [('They told us we would be shot', 'Chul', True, ('A 30-year-old defector',))],
    ),
    (
        'age_job',
        '“We could not feed the children,” said Ri Hyang-mi, 47, a former teacher from Chongjin.',
        [('We could not feed the children', 'Ri Hyang-mi', False, ())],
    ),
    (
        'ministry_said',
        "South Korea's foreign ministry expressed concern about the reports.\n\n“We are closely monitoring the situation,” the ministry said.",
        [('We are closely monitoring', "South Korea's foreign ministry", True, ('the ministry',))],
    ),
    (
        'spokesperson',
        '“China handles these cases in accordance with domestic law, international law and humanitarian principles,” foreign ministry spokesperson Lin Jian said at a regular briefing.',
        [('China handles these cases', 'Lin Jian', False, ())],
    ),
    (
        'nested',
        '“The officer shouted ‘Go back!’ and fired into the air,” said a soldier who defected in 2022.',
        [('The officer shouted', 'a soldier who defected in 2022', True, ())],
    ),
    (
        'straight_after',
        '"They came for my father at 4 a.m.," a woman from Hoeryong told NK News.',
        [('They came for my father', 'a woman from Hoeryong', True, ())],
    ),
    (
        'scare_title',
        'The report, titled “Trapped Between Two Borders,” describes what it calls “systematic” abuse.',
        [],
    ),
    (
        'slogan',
        'Banners reading “Let us crush the puppet traitors!” have appeared across Pyongyang, state media showed.',
        [],
    ),
    (
        'anon_next_sentence',
        '“Several families in our village have simply disappeared,” a resident of Onsong said. The resident spoke on condition of anonymity for fear of punishment.',
        [('Several families in our village', 'a resident of Onsong', True, ())],
    ),
    (
        'hrw_pronoun',
        'Lina Yoon, senior Korea researcher at Human Rights Watch, said China should stop the returns.\n\n“Beijing knows exactly what awaits these women,” she said.',
        [('Beijing knows exactly', 'Lina Yoon', False, ())],
    ),
    (
        'ohchr',
        'GENEVA (8 March 2024) – UN experts today expressed alarm at reports of forced returns.\n\n“These women face a real risk of torture and sexual violence,” the experts said.',
        [('These women face a real risk', 'UN experts', False, ())],
    ),
    (
        'yonhap_quoted',
        'The official was quoted as saying by Yonhap that the ship had been seized. “The crew members have been returned,” the official said.',
        [('The crew members have been', 'The official', True, ())],
    ),
    (
        'mother_of_two',
        'A mother of two from Hyesan, who crossed into China in 2017, was arrested in Yanji last month.\n\n“I only wanted to see my children again,” the mother of two said in a phone interview.',
        [('I only wanted to see my children', 'A mother of two from Hyesan', True, ())],
    ),
    (
        'surname_added',
        '“This is the largest repatriation we have documented,” said Hanna Song, director of the Database Center for North Korean Human Rights.\n\nSong added: “The numbers may be higher.”',
        [('This is the largest repatriation', 'Hanna Song', False, ()), ('The numbers may be higher', 'Hanna Song', False, ())],
    ),
    (
        'official_later',
        'An official at the Ministry of Unification said the government was verifying the reports.\n\n“We have asked Beijing for clarification,” the official said.',
        [('We have asked Beijing', 'An official at the Ministry of Unification', True, ())],
    ),
    (
        'two_speakers',
        '“The fence is electrified now,” a smuggler in Hyesan told Daily NK.\n\nA separate source in Musan said the patrols had tripled. “Nobody crosses anymore,” the source in Musan said.',
        [('The fence is electrified', 'a smuggler in Hyesan', True, ()), ('Nobody crosses anymore', 'A separate source in Musan', True, ())],
    ),
    (
        'says_present',
        '“Every day I wonder if my son is alive,” says Park Mi-ok, who fled in 2011.',
        [('Every day I wonder', 'Park Mi-ok', False, ())],
    ),
    (
        'ngo_told_us',
        'We met Soon-hee in a safe house in Bangkok.\n\n“I walked for nine days through the jungle,” she told us.',
        [('I walked for nine days', 'Soon-hee', False, ())],
    ),
    (
        'ap_said_title',
        '“We will keep pushing for accountability,” said Julie Turner, the U.S. special envoy for North Korean human rights issues.',
        [('We will keep pushing', 'Julie Turner', False, ())],
    ),
    (
        'kcna',
        '“The so-called human rights report is a vicious slander,” the Korean Central News Agency said.',
        [('The so-called human rights report', 'the Korean Central News Agency', True, ())],
    ),
    (
        'speaking_anon_before',
        'Speaking anonymously, a border guard officer told RFA: “We were ordered to shoot anyone approaching the river.”',
        [('We were ordered to shoot', 'a border guard officer', True, ())],
    ),
    (
        'identified_only',
        '“We work 16 hours a day,” said a North Korean worker in Vladivostok, identified only by his surname Kim.',
        [('We work 16 hours', 'a North Korean worker in Vladivostok', True, ('Kim',))],
    ),
    (
        'diplomatic_source',
        '“China sent back about 200 people this week,” said a diplomatic source in Beijing.',
        [('China sent back about 200', 'a diplomatic source in Beijing', True, ())],
    ),
    (
        'age_role',
        'Kang Hyuk, 28, defected by boat in 2023.\n\n“The sea was the only way out,” the 28-year-old said.',
        [('The sea was the only way', 'Kang Hyuk', False, ())],
    ),
    (
        'pronoun_no_speech_intro',
        'Lee Hye-jin was 14 when she crossed the river.\n\n“I did not understand what was happening,” she said.',
        [('I did not understand', 'Lee Hye-jin', False, ())],
    ),
    (
        'family_name_used',
        '“We paid the broker everything we had,” said Kim, a 45-year-old defector who asked that only her family name be used.',
        [('We paid the broker', 'Kim', True, ())],
    ),
    (
        'according_org',
        "The workers are paid “almost nothing,” according to the Citizens' Alliance for North Korean Human Rights.",
        [('almost nothing', "the Citizens' Alliance for North Korean Human Rights", True, ())],
    ),
    (
        'told_verb_first',
        '“They count the rice grains,” a former inmate of Kaechon told the commission, speaking anonymously.',
        [('They count the rice grains', 'a former inmate of Kaechon', True, ())],
    ),
    (
        'woman_in_her_40s',
        '“My husband never came back from the mine,” said a woman in her 40s from Kimchaek.',
        [('My husband never came back', 'a woman in her 40s from Kimchaek', True, ())],
    ),
    (
        'activist_title',
        'Activist Kim Hee-tae has helped more than 100 people leave China.\n\n“The routes through Laos are closing,” the activist said.',
        [('The routes through Laos', 'Kim Hee-tae', False, ())],
    ),
    (
        'v_rejected_he',
        "North Korea's envoy to the UN, Kim Song, rejected the resolution. “This is a political provocation,” he told the General Assembly.",
        [('This is a political provocation', 'Kim Song', False, ())],
    ),
    (
        'v_denied_she',
        'Foreign ministry spokeswoman Mao Ning denied the reports on Tuesday. “There is no so-called forced repatriation,” she said.',
        [('There is no so-called forced', 'Mao Ning', False, ())],
    ),
    (
        'v_insider',
        '“Cadres are told to report anyone who listens to South Korean songs,” an insider in Pyongyang told the outlet.',
        [('Cadres are told to report', 'an insider in Pyongyang', True, ())],
    ),
    (
        'v_refugee_pseud',
        'Eun-ha, a pseudonym, escaped from a brothel in Shenyang in 2021.\n\n“They locked the doors from the outside,” Eun-ha said.',
        [('They locked the doors', 'Eun-ha', True, ())],
    ),
    (
        'v_wished_anon',
        'A former soldier, who wished to remain anonymous, said: “We were hungry all the time.”',
        [('We were hungry all the time', 'A former soldier', True, ())],
    ),
    (
        'v_both_named',
        '“The court never heard our side,” said Yang Ok-sun, 62. Her son, Yang Min-su, added: “We still do not know where he is.”',
        [('The court never heard', 'Yang Ok-sun', False, ()), ('We still do not know', 'Yang Min-su', False, ())],
    ),
    (
        'v_statement_group',
        'The Seoul-based group Transitional Justice Working Group said in a statement on Monday: “The families deserve answers.”',
        [('The families deserve answers', 'Transitional Justice Working Group', True, ('The Seoul-based group Transitional Justice Working Group',))],
    ),
    (
        'v_said_adding',
        'The official, who requested anonymity because of the sensitivity of the issue, said the number was “at least 500 people”.',
        [('at least 500 people', 'The official', True, ())],
    ),
    (
        'v_the_woman_later',
        'A woman in her 30s from Kimchaek told RFA she had been fined twice for selling shoes.\n\n“The market managers take a cut of everything,” the woman said.',
        [('The market managers take', 'A woman in her 30s from Kimchaek', True, ())],
    ),
    (
        'v_report_title',
        "Amnesty's report, “Nowhere to Run: Returnees in Custody,” was released on Thursday.",
        [],
    ),
    (
        'v_motto',
        'Workers at the mill chanted the motto “Let us defend the leader with our lives” every morning, a source said.',
        [],
    ),
    (
        'v_spokesperson_after',
        '“We are aware of the reports and are looking into them,” a State Department spokesperson said.',
        # unnamed spokespeople are anonymous sources, as in the domain sets' convention
        # (tests/domain/dev2/README.md: "anonymous company spokesperson")
        [('We are aware of the reports', 'a State Department spokesperson', True, ())],
    ),
    (
        'v_blockquote_says',
        'Han, who now lives in Busan, says:\n\n“I left my parents behind. I think of them every night.”',
        [('I left my parents behind', 'Han', False, ())],
    ),
    (
        'v_continued_three',
        'A man from Hoeryong described his arrest.\n\n“The police came at night.\n\n“They tied my hands with wire.\n\n“I was beaten for two days,” he said.',
        [('The police came at night', 'A man from Hoeryong', True, ()), ('They tied my hands', 'A man from Hoeryong', True, ()), ('I was beaten for two days', 'A man from Hoeryong', True, ())],
    ),
    (
        'v_name_withheld_said',
        "“I have not heard from my sister since March,” said a defector in Seoul whose name is being withheld for her family's safety.",
        [('I have not heard from my sister', 'a defector in Seoul', True, ())],
    ),
    (
        'v_surname_title_ms',
        'Emily Carter, a researcher with the group, visited the border in May.\n\n“Everyone we spoke to was afraid,” Ms. Carter said.',
        [('Everyone we spoke to', 'Emily Carter', False, ())],
    ),
    (
        'v_the_researcher',
        'Researcher Jung Da-eun has interviewed more than 80 escapees.\n\n“Most of them were caught at least once,” the researcher said.',
        [('Most of them were caught', 'Jung Da-eun', False, ())],
    ),
    (
        'v_kcna_quoted',
        'KCNA quoted a spokesman for the foreign ministry as saying: “The DPRK will never tolerate such interference.”',
        [('The DPRK will never tolerate', 'a spokesman for the foreign ministry', True, ())],
    ),
    (
        'v_yonhap_source',
        '“The vessel was towed back to Nampo on Saturday,” a military source said, requesting anonymity.',
        [('The vessel was towed back', 'a military source', True, ())],
    ),
    (
        'v_who_spoke_by_phone',
        '“Prices of rice have doubled in a month,” said a trader in Hyesan who spoke by phone.',
        [('Prices of rice have doubled', 'a trader in Hyesan who spoke by phone', True, ('a trader in Hyesan',))],
    ),
    (
        'v_first_name_only',
        'Min-jun, who asked that only his first name be used, crossed the river in 2019. “I was 15,” Min-jun said. “I thought I would die.”',
        [('I was 15', 'Min-jun', True, ()), ('I thought I would die', 'Min-jun', True, ())],
    ),
    (
        'v_ngo_director_she',
        'Sokeel Park, Korea director at the group, spoke at the forum on Friday. “Every returnee is interrogated,” she said.',
        [('Every returnee is interrogated', 'Sokeel Park', False, ())],
    ),
    (
        'v_according_anon',
        'Police detained 12 people at the station, according to a local source who was not authorised to speak to the media. “They were taken away in a bus,” the source said.',
        [('They were taken away in a bus', 'a local source', True, ('a local source who was not authorised to speak to the media',))],
    ),
    (
        'v_the_27_year_old',
        'One of the escapees, a 27-year-old former nurse, was caught twice.\n\n“The second time they shaved my head,” the 27-year-old said.',
        [('The second time they shaved', 'One of the escapees', True, ('a 27-year-old former nurse',))],
    ),
    (
        'v_he_added_named',
        '“The border is sealed,” said Ahn Chan-il, a defector-turned-researcher. “Even the brokers have stopped,” he added.',
        [('The border is sealed', 'Ahn Chan-il', False, ()), ('Even the brokers have stopped', 'Ahn Chan-il', False, ())],
    ),
    (
        'w_put_it',
        'Choi Hyun-woo, a former border guard, put it bluntly: “Everyone takes bribes.”',
        [('Everyone takes bribes', 'Choi Hyun-woo', False, ())],
    ),
    (
        'w_asked_about',
        'Asked about the arrests, Lee Jae-sung said: “We are trying to confirm the names.”',
        [('We are trying to confirm', 'Lee Jae-sung', False, ())],
    ),
    (
        'w_question_asked',
        '“Where would we even go?” asked one mother in Hyesan.',
        [('Where would we even go', 'one mother in Hyesan', True, ())],
    ),
    (
        'w_plural_residents',
        '“We have not had electricity for a week,” two residents of Chongjin told Daily NK.',
        [('We have not had electricity', 'two residents of Chongjin', True, ())],
    ),
    (
        'w_source_who_said',
        'The source, who is based in Dandong and spoke on condition of anonymity, said: “The trucks now cross only at night.”',
        [('The trucks now cross only', 'The source', True, ())],
    ),
    (
        'w_agency_later',
        "South Korea's National Intelligence Service told lawmakers about the purge on Thursday.\n\n“The executions took place in March,” the agency said.",
        [('The executions took place', "South Korea's National Intelligence Service", True, ('the agency',))],
    ),
    (
        'x_country_as_a_whole',
        'China rejected the criticism. The returns were carried out “in accordance with domestic law and international law,” China said in a statement.',
        [('in accordance with domestic law', 'China', True, ())],
    ),
    (
        'x_dprk_as_a_whole',
        'The DPRK said the report was “a smear campaign by hostile forces.”',
        [('a smear campaign by hostile forces', 'The DPRK', True, ())],
    ),
    (
        'x_person_tagged_as_body',
        '“The broker disappeared the night before they were due to leave,” Choi Young-ho said.',
        [('The broker disappeared the night', 'Choi Young-ho', False, ())],
    ),
    (
        'x_clause_before_the_speaker',
        'One woman said her husband was taken in March. When she went to the county security office two weeks later, an officer told her: “Forget him. If you come here again you will join him.”',
        [('Forget him. If you come', 'an officer', True, ())],
    ),
    (
        'x_according_to_before',
        'The men were caught in May. According to a source in Hyesan, “the families were moved out of the city the next day.”',
        [('the families were moved out', 'a source in Hyesan', True, ())],
    ),
    (
        'x_dash_apposition',
        'The man – a former guard at the camp – said: “They made us watch every execution.”',
        [('They made us watch every', 'The man', True, ())],
    ),
    (
        'w_one_of_them',
        'Three of the women later reached Thailand. One of them, a former seamstress from Musan, said: “We walked at night and slept in the fields.”',
        [('We walked at night', 'One of them', True, ('a former seamstress from Musan',))],
    ),
    (
        'w_emdash',
        '“The guards were drunk every night” — that is how a former detainee described the holding centre in Sinuiju.',
        [('The guards were drunk', 'a former detainee', True, ())],
    ),
    (
        'w_named_also_said',
        '“We will not give up,” Park Sun-young also said.',
        [('We will not give up', 'Park Sun-young', False, ())],
    ),
    (
        'w_title_cap_later',
        'Tomás Ojea Quintana, the former UN special rapporteur, spoke in Seoul.\n\n“Accountability is not optional,” Ojea Quintana said.',
        [('Accountability is not optional', 'Tomás Ojea Quintana', False, ())],
    ),
    (
        'w_condition',
        'Speaking on condition that her name not be used, a teacher in Kaesong said: “The children faint in class.”',
        [('The children faint in class', 'a teacher in Kaesong', True, ())],
    ),
    (
        'w_the_second_source',
        'A second source in Ryanggang Province said the fines had tripled. “People sell their doors to pay,” the second source said.',
        [('People sell their doors', 'A second source in Ryanggang Province', True, ())],
    ),
    (
        'w_identified_by_surname',
        'The worker, identified only by her surname, Pak, said: “We were paid in rice.”',
        [('We were paid in rice', 'The worker', True, ('Pak',))],
    ),
    (
        'w_hrw_press',
        '“The Chinese government should immediately stop returning North Koreans,” said Elaine Pearson, Asia director at Human Rights Watch.',
        [('The Chinese government should', 'Elaine Pearson', False, ())],
    ),
    (
        'x_joked_then_short',
        '"The snow came early this year," Kim Tae-ho joked. "Not that I mind."',
        [('The snow came early', 'Kim Tae-ho', False, ()), ('Not that I mind', 'Kim Tae-ho', False, ())],
    ),
    (
        'x_semicolon_two_people',
        'Two sisters spoke to NK News. One, Ri Sol-mi, 29, agreed to be named; the other asked not to be identified.\n\n“We crossed the river in January,” Ri said.',
        [('We crossed the river', 'Ri Sol-mi', False, ())],
    ),
    (
        'x_the_term',
        'Brokers use the term “going up the mountain with no return” for the route through Laos.',
        [],
    ),
    # a title with the name in apposition leads a quotation that runs on and closes with a pronoun "The <title>, Name, said: “...”" then "he said" continuation
    (
        'title_comma_name_colon',
        'The experts said they had received reports of beatings in Onsong.\n\nThe Special Rapporteur on freedom of expression, Lotte Brandvold, said: “Families who ask questions are being punished for asking.\n\n“This must stop at once,” she said.',
        [('Families who ask questions', 'Lotte Brandvold', False, ()), ('This must stop at once', 'Lotte Brandvold', False, ())],
    ),
    (
        'second_title_comma_name',
        '“Those sent back face torture,” said Maria Olsen, Special Rapporteur on the situation of human rights in the DPRK.\n\nThe Special Rapporteur on torture, Jon Ashby, said: “The accounts we have received are consistent.\n\n“No one should be sent back,” he said.',
        [('Those sent back face torture', 'Maria Olsen', False, ()), ('The accounts we have received', 'Jon Ashby', False, ()), ('No one should be sent back', 'Jon Ashby', False, ())],
    ),
    (
        'title_comma_name_said_inline',
        'Rights groups have urged Beijing to halt the returns. The head of the Seoul office, Marcus Ovalle, said, “Every person sent back is at risk of torture.”',
        [('Every person sent back', 'Marcus Ovalle', False, ())],
    ),
    (
        'org_role_comma_name_told',
        'Officials in Seoul declined to comment. The group\'s legal director, Han Seo-jin, told reporters: “We have written to the consulate three times and received no answer.”',
        [('We have written to the consulate', 'Han Seo-jin', False, ())],
    ),
    # "he"/"she" does not point at a group told as speaking in between pronoun agreement: "she said" must not take a plural noun subject ("agents told ...")
    (
        'pronoun_skips_plural',
        '“I worked in a kitchen for six years,” said a 38-year-old woman from Musan we will call Sun-hee.\n\nLast year police officers told her landlord she would be reported if she stayed.\n\n“After that I slept in my shoes,” she said.',
        [('I worked in a kitchen', 'a 38-year-old woman from Musan we will call Sun-hee', True, ('Sun-hee',)), ('After that I slept', 'a 38-year-old woman from Musan we will call Sun-hee', True, ('Sun-hee',))],
    ),
    (
        'pronoun_skips_group',
        '“We were paid in corn, when we were paid at all,” said one of the men, a former miner from Kilju.\n\nIn January guards warned the families in his village that anyone helping escapees would be sent away.\n\n“I could not even call my sister,” he said.',
        [('We were paid in corn', 'one of the men', True, ('a former miner from Kilju',)), ('I could not even call', 'one of the men', True, ('a former miner from Kilju',))],
    ),
    (
        'pronoun_she_skips_he',
        'Kang Mi-rae, 52, runs a shelter in Bangkok for women who crossed the Mekong.\n\nHer husband said the police had visited twice in a month.\n\n“They ask for papers none of us has,” she said.',
        [('They ask for papers', 'Kang Mi-rae', False, ())],
    ),
    # an indefinite description followed by a long relative clause "said a <role> who ... and declined to be named because ..."
    (
        'said_role_who_declined',
        '"Prices for rice doubled in a week," said a Chinese broker in Hunchun who trades with Rason and declined to be named because of the risk to his business.',
        [('Prices for rice doubled', 'a Chinese broker in Hunchun', True, ())],
    ),
    (
        'said_role_who_asked_long',
        '“The guards check every bag now,” said a woman from Hyesan who left the country in 2019 and asked not to be identified for fear of reprisals against her family.',
        [('The guards check every bag', 'a woman from Hyesan', True, ())],
    ),
    (
        'told_role_who_spoke',
        '“Nobody is allowed near the fence after dark,” a soldier stationed near Manpo who spoke on condition of anonymity told the outlet by phone.',
        [('Nobody is allowed near the fence', 'a soldier stationed near Manpo', True, ())],
    ),
    # an alias and a withheld identity, and a bare plural of sources, are anonymous
    (
        'alias_relative',
        '“The camp is still open,” said Chul, who uses the alias to protect relatives in Chongjin.',
        [('The camp is still open', 'Chul', True, ())],
    ),
    (
        'alias_known_by',
        'A former guard, known by the alias Ko, told the broadcaster: “We were ordered to shoot at anyone on the ice.”',
        [('We were ordered to shoot', 'A former guard', True, ('Ko',))],
    ),
    (
        'identity_withheld',
        '“My son was beaten in front of me,” said Jang, whose identity is withheld because her husband is still in Hoeryong.',
        [('My son was beaten', 'Jang', True, ())],
    ),
    (
        'bare_plural_sources',
        'Sources close to the family said: “He was taken at night and has not come back.”',
        [('He was taken at night', 'Sources close to the family', True, ())],
    ),
    (
        'bare_plural_residents',
        '“The water has been off for a month,” residents of the district told the outlet. Officials in the province did not reply.',
        [('The water has been off', 'residents of the district', True, ())],
    ),
    (
        'spoke_under_family_name',
        '“They shaved our heads on the first day,” said Hong, a 29-year-old from Onsong who spoke only under her family name.',
        [('They shaved our heads', 'Hong', True, ())],
    ),
    (
        'goes_by_the_name',
        'Bae, who goes by the name Bae in Seoul to protect her parents, said: “My father still thinks I am in China.”',
        [('My father still thinks', 'Bae', True, ())],
    ),
    (
        'bare_plural_role_is_anonymous',
        'The families were questioned for hours. “Sign here and go home,” police officers told them, one mother said.',
        [('Sign here and go home', 'police officers', True, ())],
    ),
    (
        'relative_of_a_named_man_is_anonymous',
        'Choi Min-ho has not been seen since March. “He only wanted his children to study,” Choi’s sister said.',
        [('He only wanted his children', 'Choi’s sister', True, ())],
    ),
    (
        'surname_with_an_aside_is_the_full_name',
        'Park Sung-jin repairs bicycles in a market in Incheon.\n\n“I left with nothing but a coat,” says Park, now 61.',
        [('I left with nothing', 'Park Sung-jin', False, ())],
    ),
    (
        'naming_is_not_speaking',
        'Lee Young-ho says he was held for months.\n\nThe Bowibu, as North Koreans call the secret police, kept him in a cellar.\n\n'
        '“They wanted me to name my friends,” he says.',
        [('They wanted me to name', 'Lee Young-ho', False, ())],
    ),
    (
        'a_second_person_described_beside_an_earlier_one',
        '“The pay never came,” said one of the workers, a man in his forties from Hamhung.\n\n'
        'The second worker, a younger man from Sinpo, said the phones were read every night.\n\n'
        '“Nobody talks at dinner now,” he said.',
        [('The pay never came', 'one of the workers', True, ('a man in his forties from Hamhung',)),
         ('Nobody talks at dinner', 'The second worker', True, ())],
    ),
    (
        'described_again_by_the_apposition',
        'A second source, a Chinese trader who sells rice in Hunchun, said the women were afraid.\n\n'
        '“They know what waits for them on the other side,” the trader said.',
        [('They know what waits', 'A second source', True, ())],
    ),
    (
        'how_the_outlet_reached_the_speaker_is_not_the_speaker',
        '“They were handed to the Chinese side on Friday,” a Lao police officer in Luang Namtha reached by RFA said.',
        [('They were handed to the Chinese', 'a Lao police officer in Luang Namtha', True, ())],
    ),
    (
        'apposition_after_according_to',
        'The student was sentenced to six months in a labour camp, according to a second source, a trader in Kimchaek.\n\n'
        '“Her mother went to the police station every day,” the trader said.',
        [('Her mother went to the police', 'a second source', True, ('a trader in Kimchaek',))],
    ),
    (
        'told_in_the_passive_names_the_ones_spoken_to',
        'Choi Young-ja, 64, lost her job in 1999. Relatives of a “traitor”, they were told, could not work in the port.\n\n'
        '“We were not criminals, they kept saying. But we could not leave town,” she recalls.',
        [('We were not criminals', 'Choi Young-ja', False, ())],
    ),
    (
        'attribution_leading_into_the_next_quotation',
        'Lim Bo-ra now lives in Busan. “I am 81. I do not need an apology,” she says, and then, after a moment: “I need a grave to visit.”',
        [('I am 81', 'Lim Bo-ra', False, ()), ('I need a grave', 'Lim Bo-ra', False, ())],
    ),
    (
        'an_earlier_speaker_back_as_the_subject',
        'Lim Bo-ra left Hamhung in 2003. “They took my brother first,” she says.\n\n'
        'Her lawyer, Sato Hiroshi, says the case is about records. “The state must answer,” Sato says.\n\n'
        'Lim is less hopeful than her lawyer.\n\n'
        '“Nobody will answer. I only want his name written down,” she says.',
        [('They took my brother', 'Lim Bo-ra', False, ()), ('The state must answer', 'Sato Hiroshi', False, ()),
         ('Nobody will answer', 'Lim Bo-ra', False, ())],
    ),
    (
        'words_inside_a_sentence_that_goes_on',
        'Returnees are kept in cramped “labour squads” stations where guards beat them daily, a Seoul group said Tuesday.',
        [],
    ),
    (
        'a_quotation_after_a_paragraph_telling_who_spoke',
        'Dozens of pensioners lost their savings to the scheme.\n\n'
        'One of them, a retired nurse in Gwangju, said she had watched every hearing.\n\n'
        '“I trusted the voice on the phone. I still cannot sleep.”',
        [('I trusted the voice', 'One of them', True, ())],
    ),
    (
        'a_block_quotation_after_a_long_lead_with_a_colon',
        'She was kept for three months at the detention centre in Tumen and handed to North Korean guards in the spring, '
        'her cousin, who now lives in Incheon, told Amnesty International:\n\n'
        '“The children still ask for her every night. Nobody has told us where she is.”',
        [('The children still ask', 'her cousin', True, ())],
    ),
    (
        'the_first_source_picked_out_by_order',
        'Two soldiers were beaten in June, a source in Kangwon Province told Daily NK.\n\n'
        'Last year a conscript drowned during a drill, a second source in the province said.\n\n'
        '“Nothing changed after that,” the second source said.\n\n'
        'The two soldiers are now in the guardhouse, the first source said.\n\n'
        '“Their parents were told to stay quiet,” the source said, “and to send food.”',
        [('Nothing changed', 'a second source in the province', True, ()),
         ('Their parents were told', 'a source in Kangwon Province', True, ()), ('and to send food', 'a source in Kangwon Province', True, ())],
    ),
    (
        'a_new_description_after_a_researcher',
        '“Forced returns must end,” said Ana Ferreira, a researcher at Amnesty International.\n\n'
        'The former border guard, who served near Musan until 2024, said that units were rewarded for each arrest. '
        '“Some of us did it for the bonus,” he said.',
        [('Forced returns must end', 'Ana Ferreira', False, ()), ('Some of us did it', 'The former border guard', True, ())],
    ),
    (
        'a_name_someone_else_gives',
        'Another worker, whom Human Rights Watch calls Jo Kwang-su, spent three years at a logging camp near Svobodny.\n\n'
        '“He hit me across the back until the handle broke,” Jo Kwang-su said.',
        [('He hit me across the back', 'Jo Kwang-su', True, ())],
    ),
    (
        'a_cue_after_a_later_mention_of_the_name',
        'For six years, the woman who lived as Mi-yeon counted time by the corn harvest at the prison in Kaechon.\n\n'
        'Mi-yeon, who asked to be identified only by her first name because her brother still lives in the North, was arrested in 2016.\n\n'
        '“She stopped talking two days before,” Mi-yeon said.',
        [('She stopped talking', 'Mi-yeon', True, ())],
    ),
    (
        'a_name_between_commas_the_parser_hangs_elsewhere',
        'At least 40 people died in detention since 2020, an independent UN human rights expert told the General Assembly.\n\n'
        'Presenting his report to the Third Committee in New York, Tomás Herrera Vidal, the Special Rapporteur on the situation '
        'of human rights in North Korea, said that his office had gathered 86 accounts.\n\n'
        '“Detention in the DPRK is the place where hunger is used as an instrument of control,” he said.',
        [('Detention in the DPRK', 'Tomás Herrera Vidal', False, ())],
    ),
    (
        'a_real_name_with_a_clause_after_it',
        'Kim Young-il, who founded the group in 2004, has helped 300 people reach Seoul.\n\n“The routes are closing,” Kim Young-il said.',
        [('The routes are closing', 'Kim Young-il', False, ())],
    ),
]

# Known misses, kept so that a fix shows up: an attribution in a dash clause.
KNOWN_MISSES = {"w_emdash"}


@pytest.fixture(scope="module")
def nlp():
    return load_language()


@pytest.fixture(scope="module")
def profile():
    return load_profile("north_korea")


@pytest.mark.parametrize(
    "text,expected",
    [
        pytest.param(text, exp, id=cid, marks=[pytest.mark.xfail(strict=True)] if cid in KNOWN_MISSES else [])
        for cid, text, exp in CASES
    ],
)
def test_challenge_passage(nlp, profile, text, expected):
    predicted = find_quotes(nlp(text), profile)
    want = [ExpectedQuote(text_prefix=p, speaker=s, anonymous=a, speaker_alt=tuple(alts)) for p, s, a, alts in expected]
    pairs, missed, spurious = match_quotes(predicted, want)
    assert not missed, [m.text_prefix for m in missed]
    assert not spurious, [(q.text, q.speaker) for q in spurious]
    for pair in pairs:
        got = (pair.predicted.speaker, pair.predicted.anonymous)
        assert pair.speaker_ok, (got, pair.expected.speaker)
        assert pair.anonymity_ok, (got, pair.expected.anonymous)


@pytest.mark.parametrize("mention,ok", [("North Koreans", False), ("the Chinese", False), ("Evans", True), ("Kim Soo-jin", True)])
def test_a_people_is_no_he(mention, ok):
    from rightswatch.analyse.speakers import compatible

    assert compatible("he", mention) is ok
