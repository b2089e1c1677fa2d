"""Names, streets and towns the generator draws from: written for Safeguard, not copied.

The lists mix names common across the communities of an English city so that searches meet
realistic collisions (many Smiths, many Mohammeds) as well as rare names.
"""


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES_FEMALE = _words(
    "Amelia Olivia Isla Ava Mia Ivy Lily Florence Freya Poppy Sophia Grace Evie Willow Rosie "
    "Sophie Elsie Isabella Daisy Harper Sienna Phoebe Ruby Evelyn Emily Matilda Millie Ella "
    "Maya Aria Esme Alice Chloe Emma Layla Zara Hannah Jessica Leah Megan Lucy Holly Katie "
    "Charlotte Erin Aisha Fatima Maryam Zainab Amira Hafsa Khadija Noor Inaya Safa Sana "
    "Ayesha Priya Anika Diya Simran Kiran Nia Amara Chioma Ada Abena Adwoa Kemi Tia Jada "
    "Shanice Oliwia Zuzanna Maja Julia Natalia Alesia Bianca Ioana Elena Maria Sara Leila "
    "Yasmin Mariam Hiba Rukhsana Nadia Shabnam Tasnim Jasmine Keira Paige Courtney Jade "
    "Shannon Bethany Tilly Niamh Siobhan Aoife Mei Lin Xin Ngozi Folake Imani Eden Hope Faith "
    "Skye"
)

FIRST_NAMES_MALE = _words(
    "Oliver George Noah Arthur Muhammad Leo Oscar Harry Archie Jack Henry Charlie Freddie "
    "Theodore Thomas Finley Theo Alfie Jacob William Isaac Tommy Joshua James Lucas Alexander "
    "Arlo Teddy Max Ethan Reggie Ronnie Albie Louie Mason Logan Harrison Dylan Riley Callum "
    "Connor Kyle Jordan Liam Ryan Daniel Samuel Joseph Benjamin Adam Ali Ahmed Omar Yusuf "
    "Ibrahim Hamza Zayn Ayaan Hassan Bilal Imran Tariq Usman Rayan Arjun Rohan Dev Vikram "
    "Aarav Kai Kofi Kwame Chidi Emeka Tunde Femi Jamal Tyrese Malachi Reuben Kacper Jakub "
    "Szymon Filip Mateusz Andrei Luca Matei Stefan Dominik Patrick Sean Ciaran Declan Conor "
    "Wei Jun Hao Marcus Nathan Lewis Jayden Kian Tyler Brandon Reece Kieran Shane Mohammed"
)

SURNAMES = _words(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Patel Jackson "
    "Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan "
    "Allen James Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell "
    "Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan "
    "Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb "
    "Rogers Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes "
    "Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Ahmed "
    "Akhtar Bibi Chaudhry Iqbal Mahmood Rahman Uddin Miah Islam Kaur Sharma Gill Sandhu "
    "Mistry Chauhan Okafor Okeke Adeyemi Mensah Osei Boateng Asante Mohamed Abdi Warsame "
    "Nowak Kowalski Wisniewski Popescu Ionescu Rossi Silva Santos Oliveira Costa Nguyen Chen "
    "Wang Li Zhang Yilmaz Demir Kaya O'Brien O'Connor McCarthy Doyle Byrne Walsh Quinn Reid "
    "Stewart Grant Fraser Duncan Burns Gordon Hamilton Rees Pritchard Vaughan Bevan Sutton"
)

STREET_NAMES = _words(
    "Church Station Victoria Albert Park Mill School Queen's King's Manor Chapel Orchard "
    "Meadow Cedar Oak Elm Beech Willow Ash Rowan Hawthorn Holly Poplar Lime Maple Sycamore "
    "Hazel Birch Larch Aspen Juniper Heather Bramble Clover Primrose Bluebell Foxglove "
    "Kestrel Heron Linnet Lark Wren Swallow Martin Falcon Mariner Canal Wharf Bridge Ferry "
    "Brook River Spring Well Forge Tannery Brewery Foundry Weaver Cooper Fletcher Mason "
    "Granary Harvest Market Castle Abbey Priory Chantry Vicarage Rectory Grange Farm Croft "
    "Moor Heath Common Green Hill Ridge Vale Dale Combe Fold Garth Holme Howe Nook"
)

STREET_KINDS = (
    "Road",
    "Street",
    "Avenue",
    "Close",
    "Lane",
    "Way",
    "Crescent",
    "Drive",
    "Grove",
    "Gardens",
    "Court",
    "Walk",
    "Place",
    "Terrace",
    "Rise",
)

# Fictional districts of the synthetic authority; none is a real English town.
TOWNS = (
    "Ashbury",
    "Kingsmere",
    "Hollins Vale",
    "Northwick Green",
    "Eastcombe",
    "Saltmarsh",
    "Brackenfield",
    "Wetherby Cross",
    "Millbourne",
    "Ravensholt",
    "Dunmore Park",
    "Foxley",
    "Thornbury Heath",
    "Westgate Fields",
    "Larkhill Rise",
    "Copperdale",
)

# Postcodes in an area code no English postcode uses, so none can be taken for a real home.
POSTCODE_AREA = "XS"
POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

PARTNER_ORGANISATIONS = (
    "Ashbury Primary School",
    "Kingsmere Academy",
    "Hollins Vale Surgery",
    "Northwick Green Health Visiting Team",
    "Eastcombe Police Station",
    "Saltmarsh High School",
    "Brackenfield Medical Centre",
    "Millbourne Children's Centre",
    "Ravensholt College",
    "Foxley Community Mental Health Team",
    "Copperdale Housing Association",
    "Westgate Fields Youth Service",
)
